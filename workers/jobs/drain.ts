/** Runs `batch` until one deletes fewer than `size` rows (the last one); the total deleted. */
export async function drain(batch: () => Promise<number>, size: number): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await batch();
    total += deleted;
    if (deleted < size) return total;
  }
}
