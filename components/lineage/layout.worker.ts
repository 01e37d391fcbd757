/// <reference lib="webworker" />
import { layoutDagre, type LayoutInput } from "./layout";

/** Runs dagre off the main thread; the page gives it a deadline and falls back to a layered layout. */
self.onmessage = (event: MessageEvent<{ id: number; input: LayoutInput }>) => {
  const { id, input } = event.data;
  try {
    self.postMessage({ id, positions: layoutDagre(input) });
  } catch (error) {
    self.postMessage({ id, error: String(error) });
  }
};
