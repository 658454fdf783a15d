/**
 * jest runs each test file in a VM realm of its own, but fetch is Node's: what Response.json()
 * parses gets the prototypes of Node's realm, and node:assert's deepStrictEqual, which compares
 * prototypes, calls it unequal to a test's identical literal. Parsing in the test's realm keeps
 * the assertions as they were under node:test.
 */
Response.prototype.json = async function json(this: Response): Promise<unknown> {
  return JSON.parse(await this.text());
};
