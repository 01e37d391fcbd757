import { DIGIT_SIZE, digitPath } from "./digits";

/** Deterministic generated contents for the demo: no randomness, so every fresh install looks the same. */

export function pseudoRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function csv(rows: number, seed: number): string {
  const rand = pseudoRandom(seed);
  const lines = ["id,label,pixel_mean,pixel_std,split"];
  for (let i = 0; i < rows; i++) {
    lines.push(`${i},${Math.floor(rand() * 10)},${(rand() * 0.5).toFixed(4)},${(0.2 + rand() * 0.2).toFixed(4)},${rand() < 0.8 ? "train" : "test"}`);
  }
  return `${lines.join("\n")}\n`;
}

export function weights(bytes: number, seed: number): Buffer {
  const rand = pseudoRandom(seed);
  const out = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

const LABELS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/** An image cell as `wandb.Image` writes it into a table: the digit's picture in the artifact's media folder. */
function imageCell(digit: number) {
  return { _type: "image-file", path: digitPath(digit), format: "png", width: DIGIT_SIZE, height: DIGIT_SIZE };
}

/** One W&B table part (`*.table.json`): `rows` predictions starting at `offset`. */
export function predictionTable(offset: number, rows: number, seed: number): string {
  const rand = pseudoRandom(seed);
  const data: unknown[][] = [];
  for (let i = 0; i < rows; i++) {
    const truth = Math.floor(rand() * 10);
    const correct = rand() < 0.93;
    const predicted = correct ? truth : Math.floor(rand() * 10);
    data.push([offset + i, imageCell(truth), LABELS[truth], LABELS[predicted], Number((0.5 + rand() * 0.5).toFixed(4)), predicted === truth, { logits_max: Number((rand() * 12).toFixed(3)) }]);
  }
  return JSON.stringify({
    _type: "table",
    columns: ["id", "image", "label", "prediction", "confidence", "correct", "extra"],
    column_types: { params: { type_map: {} }, wb_type: "typedDict" },
    data,
  });
}
