/** Word lists the demo community is built from. Small on purpose: variety comes from combining them. */

export const FIRST_NAMES = [
  'Ava', 'Liam', 'Maya', 'Noah', 'Zoe', 'Ethan', 'Isla', 'Omar', 'Priya', 'Lucas', 'Chloe', 'Mateo',
  'Hana', 'Leo', 'Amara', 'Finn', 'Sofia', 'Kai', 'Nora', 'Ravi', 'Elena', 'Jonah', 'Mei', 'Theo',
  'Aisha', 'Felix', 'Lena', 'Diego', 'Yuki', 'Oscar', 'Ines', 'Samir', 'Clara', 'Tomas', 'Freya', 'Arjun',
  'Julia', 'Malik', 'Rosa', 'Hugo', 'Leila', 'Ben', 'Anya', 'Caleb', 'Nadia', 'Marco', 'Tess', 'Idris',
  'Lucy', 'Emil', 'Sara', 'Jamal', 'Vera', 'Owen', 'Mila', 'Rohan', 'Greta', 'Ezra', 'Lina', 'Paulo',
];

export const LAST_NAMES = [
  'Patel', 'Nguyen', 'Garcia', 'Kim', 'Okafor', 'Silva', 'Novak', 'Berg', 'Haddad', 'Rossi', 'Tanaka',
  'Murphy', 'Schmidt', 'Costa', 'Ali', 'Larsen', 'Dubois', 'Khan', 'Reyes', 'Fischer', 'Moreau', 'Ivanova',
  'Mensah', 'Lopez', 'Walsh', 'Sato', 'Brennan', 'Park', 'Andersen', 'Chen', 'Oyelaran', 'Romano', 'Vargas',
  'Lindqvist', 'Hughes', 'Yilmaz', 'Kowalski', 'Das', 'Fraser', 'Amari', 'Bauer', 'Ortiz', 'Quinn', 'Ward',
  'Sharma', 'Eriksen', 'Malone', 'Abiodun', 'Castro', 'Weber', 'Hart', 'Nakamura', 'Pereira', 'Byrne',
];

export const BIO_TRAITS = [
  'Coffee first, opinions second.', 'Dog person.', 'Always on the lookout for a bargain.',
  'Slow traveller.', 'Weekend tinkerer.', 'Reads the manual so you do not have to.',
  'Buy once, buy well.', 'Honest reviews only.', 'Parent of two, tester of everything.',
  'Night owl.', 'Recovering impulse buyer.', 'Spreadsheet enthusiast.', 'Cyclist in all weathers.',
  'Collector of small joys.', 'Returns things so you will not have to.', 'Minimalist, mostly.',
];

/** Category names and the nouns their products are named with. */
export const CATEGORIES: readonly { name: string; nouns: readonly string[]; basePrice: number }[] = [
  { name: 'Electronics', nouns: ['Headphones', 'Speaker', 'Charger', 'Smartwatch', 'Earbuds'], basePrice: 90 },
  { name: 'Books', nouns: ['Novel', 'Cookbook', 'Field Guide', 'Memoir', 'Atlas'], basePrice: 18 },
  { name: 'Home & Kitchen', nouns: ['Blender', 'Kettle', 'Pan Set', 'Knife Block', 'Toaster'], basePrice: 55 },
  { name: 'Beauty', nouns: ['Serum', 'Moisturiser', 'Hair Dryer', 'Lip Balm', 'Face Mask'], basePrice: 25 },
  { name: 'Sports & Outdoors', nouns: ['Tent', 'Yoga Mat', 'Water Bottle', 'Running Vest', 'Headlamp'], basePrice: 45 },
  { name: 'Toys & Games', nouns: ['Board Game', 'Puzzle', 'Building Set', 'Card Game', 'Kite'], basePrice: 30 },
  { name: 'Fashion', nouns: ['Sneakers', 'Rain Jacket', 'Backpack', 'Scarf', 'Sunglasses'], basePrice: 60 },
  { name: 'Music', nouns: ['Vinyl Record', 'Ukulele', 'Guitar Strings', 'Metronome', 'Songbook'], basePrice: 28 },
  { name: 'Garden', nouns: ['Pruner', 'Planter', 'Hose Reel', 'Seed Kit', 'Bird Feeder'], basePrice: 35 },
  { name: 'Pet Supplies', nouns: ['Dog Bed', 'Cat Tree', 'Leash', 'Pet Fountain', 'Chew Toy'], basePrice: 32 },
  { name: 'Grocery', nouns: ['Olive Oil', 'Green Tea', 'Coffee Beans', 'Hot Sauce', 'Granola'], basePrice: 12 },
  { name: 'Health', nouns: ['Massage Gun', 'Thermometer', 'Vitamin D', 'Posture Brace', 'Foam Roller'], basePrice: 40 },
  { name: 'Automotive', nouns: ['Dash Cam', 'Jump Starter', 'Tyre Inflator', 'Seat Cover', 'Car Vacuum'], basePrice: 65 },
  { name: 'Office', nouns: ['Desk Lamp', 'Notebook', 'Monitor Arm', 'Fountain Pen', 'Desk Mat'], basePrice: 38 },
  { name: 'Baby', nouns: ['Stroller', 'Baby Monitor', 'Carrier', 'Bottle Set', 'Play Mat'], basePrice: 70 },
  { name: 'Video Games', nouns: ['Controller', 'Racing Game', 'Headset', 'Strategy Game', 'Charging Dock'], basePrice: 50 },
  { name: 'Movies', nouns: ['Box Set', 'Documentary', 'Blu-ray', 'Anthology', 'Director\'s Cut'], basePrice: 20 },
  { name: 'Tools', nouns: ['Cordless Drill', 'Tool Kit', 'Laser Level', 'Workbench', 'Stud Finder'], basePrice: 75 },
  { name: 'Travel Gear', nouns: ['Carry-on', 'Packing Cubes', 'Neck Pillow', 'Travel Adapter', 'Duffel'], basePrice: 48 },
  { name: 'Arts & Crafts', nouns: ['Sketchbook', 'Watercolour Set', 'Yarn Pack', 'Easel', 'Brush Set'], basePrice: 22 },
];

export const GENERIC_NOUNS = ['Kit', 'Set', 'Bundle', 'Organiser', 'Essentials'];

export const BRANDS = [
  'Northwind', 'Aurora', 'Brightline', 'Copperleaf', 'Driftwood', 'Everpeak', 'Fernhill', 'Glimmer',
  'Harbor', 'Ironbark', 'Juniper', 'Kestrel', 'Lumen', 'Meridian', 'Nimbus', 'Oakridge', 'Pinecrest',
  'Quill', 'Riverstone', 'Solace', 'Tidewater', 'Umbra', 'Vantage', 'Willow', 'Zephyr',
];

export const ADJECTIVES = [
  'Compact', 'Classic', 'Pro', 'Everyday', 'Ultra', 'Eco', 'Smart', 'Deluxe', 'Mini', 'Heritage',
  'Active', 'Lite', 'Prime', 'Studio', 'Trail',
];

export const FEATURES = [
  'built to last', 'with a two-year warranty', 'designed for small spaces', 'made from recycled materials',
  'with a minimalist look', 'that packs flat', 'tested by thousands of customers', 'with replaceable parts',
];

/** Community names are "<category> <collective noun>", e.g. "Garden Circle". */
export const COMMUNITY_NOUNS = ['Circle', 'Crowd', 'Club', 'Collective', 'Crew', 'Society', 'Guild', 'League', 'Forum', 'Tribe'];

/** Review titles and sentences by sentiment (1-2 negative, 3 mixed, 4-5 positive). */
export const REVIEW_TEXT = {
  positive: {
    titles: ['Exactly what I needed', 'Worth every penny', 'Love it', 'Better than expected', 'Five stars from me',
      'Great value', 'Would buy again', 'A new favourite'],
    openers: ['Really happy with this {noun}.', 'This {noun} exceeded my expectations.', 'Solid {noun}, well made.',
      'I use this {noun} every day now.', 'Bought this {noun} on a whim and it is excellent.'],
  },
  mixed: {
    titles: ['Does the job', 'Decent, not perfect', 'Okay for the price', 'Mixed feelings', 'Fine, nothing special'],
    openers: ['This {noun} is fine for the price.', 'Some good points, some annoyances.', 'It works, mostly.',
      'An average {noun}: nothing wrong, nothing special.'],
  },
  negative: {
    titles: ['Disappointed', 'Would not buy again', 'Not as described', 'Broke too soon', 'Save your money'],
    openers: ['Sadly this {noun} did not last.', 'Not what I hoped for.', 'The {noun} looked nothing like the photos.',
      'Returned it after a week.'],
  },
  details: ['Arrived in {n} days.', 'I have used it for {n} weeks now.', 'Setup took about {n} minutes.',
    'The packaging was minimal, which I liked.', 'Customer service answered within a day.',
    'Cheaper than in the shops.', 'Instructions could be clearer.', 'Build quality feels premium.'],
  influenced: ['Picked this up after @{handle} recommended it.', 'Saw @{handle}\'s review and had to try it.',
    'Thanks @{handle} for the tip.'],
};

export const SHARE_MESSAGES = [
  'You need this.', 'Thought of you when I saw this.', 'Worth a look!', 'This is the one I told you about.',
  'Currently obsessed.', 'On sale right now.', 'Best purchase this year.', 'Any thoughts on this?', '',
];
