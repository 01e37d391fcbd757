import { describe, expect, it } from "vitest";
import { COLLAPSE_AFTER, shownArtifacts } from "./run-artifacts";

describe("shownArtifacts", () => {
  const list = (n: number) => Array.from({ length: n }, (_, i) => i);
  it("shows a short list whole and folds a long one after ten, unless opened", () => {
    expect(shownArtifacts(list(COLLAPSE_AFTER), false)).toEqual({ shown: list(COLLAPSE_AFTER), hidden: 0 });
    expect(shownArtifacts(list(40), false)).toEqual({ shown: list(10), hidden: 30 });
    expect(shownArtifacts(list(40), true)).toEqual({ shown: list(40), hidden: 0 });
    expect(shownArtifacts([], false)).toEqual({ shown: [], hidden: 0 });
  });
});
