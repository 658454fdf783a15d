/** Interns string ids into dense indices in first-seen order. */
export class Interner {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  of(id: string): number {
    let k = this.index.get(id);
    if (k === undefined) {
      k = this.ids.length;
      this.index.set(id, k);
      this.ids.push(id);
    }
    return k;
  }

  get(id: string): number | undefined {
    return this.index.get(id);
  }
}
