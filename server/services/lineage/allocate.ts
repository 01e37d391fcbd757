/**
 * Shares `cap` slots among groups of siblings (water-filling): small groups are shown whole, the
 * largest share what is left, so a run's three datasets stay visible next to its 400 checkpoints.
 * A group is never left with exactly one hidden member: a cluster of one hides nothing worth hiding.
 */
export function allocateSlots(sizes: readonly number[], cap: number): number[] {
  const order = sizes.map((size, i) => ({ size, i })).sort((a, b) => a.size - b.size || a.i - b.i);
  const takes = new Array<number>(sizes.length).fill(0);
  let remaining = cap;
  order.forEach(({ size, i }, rank) => {
    const share = Math.floor(remaining / (order.length - rank));
    let take = Math.min(size, share);
    if (size - take === 1) take = size;
    takes[i] = take;
    remaining = Math.max(0, remaining - take);
  });
  return takes;
}
