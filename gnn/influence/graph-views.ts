/**
 * The two neighbourhoods a user's influence depends on, as mean aggregations at one snapshot:
 *  - audience:  mean over u's followers f (edges f → u) of X[f], [N, d] → [N, d];
 *  - peers:     two hops through the user–product graph: each product takes the mean of the
 *               users who acted on it, each user the mean of its products, [N, d] → [N, d].
 * Only products with at least two distinct users take part (a product only one user touched
 * just hands that user back its own row), which shrinks the product side several-fold.
 */
import * as tf from '@tensorflow/tfjs';
import type { Snapshot } from './features';
import { MeanAggregation } from './mean-aggregate';

export class GraphViews {
  readonly numUsers: number;
  private readonly numProducts: number;
  private readonly followers: MeanAggregation;
  private readonly toProducts: MeanAggregation;
  private readonly toUsers: MeanAggregation;

  constructor(s: Snapshot) {
    this.numUsers = s.numUsers;
    this.followers = new MeanAggregation(s.numUsers, s.followFrom, s.followTo);
    const { users, products, numProducts } = sharedProducts(s);
    this.numProducts = numProducts;
    // Products are nodes numUsers.. in one index space, so both hops are plain mean aggregations.
    const total = s.numUsers + numProducts;
    this.toProducts = new MeanAggregation(total, users, products);
    this.toUsers = new MeanAggregation(total, products, users);
  }

  audience(x: tf.Tensor2D): tf.Tensor2D {
    return this.followers.aggregate(x);
  }

  peers(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const padded = tf.concat([x, tf.zeros([this.numProducts, x.shape[1]])]) as tf.Tensor2D;
      const twoHops = this.toUsers.aggregate(this.toProducts.aggregate(padded));
      return twoHops.slice([0, 0], [this.numUsers, x.shape[1]]);
    });
  }

  /** h with its two neighbourhood means, the inputs of one InfluenceConv. */
  around(h: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D] {
    return [h, this.audience(h), this.peers(h)];
  }

  dispose(): void {
    for (const m of [this.followers, this.toProducts, this.toUsers]) m.dispose();
  }
}

/** (user, product node) edges for products acted on by ≥ 2 distinct users, products renumbered from numUsers. */
function sharedProducts(s: Snapshot): { users: Int32Array; products: Int32Array; numProducts: number } {
  const firstUser = new Int32Array(s.numProducts).fill(-1);
  const shared = new Uint8Array(s.numProducts);
  s.actProduct.forEach((p, k) => {
    if (firstUser[p] === -1) firstUser[p] = s.actUser[k];
    else if (firstUser[p] !== s.actUser[k]) shared[p] = 1;
  });
  const node = new Int32Array(s.numProducts);
  let numProducts = 0;
  shared.forEach((yes, p) => (node[p] = yes ? s.numUsers + numProducts++ : -1));
  const users: number[] = [];
  const products: number[] = [];
  s.actProduct.forEach((p, k) => {
    if (!shared[p]) return;
    users.push(s.actUser[k]);
    products.push(node[p]);
  });
  return { users: Int32Array.from(users), products: Int32Array.from(products), numProducts };
}
