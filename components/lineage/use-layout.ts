"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { layoutDagre, layoutLayered, type LayoutInput, type Positions } from "./layout";

/** How long the worker may take before the layered fallback is shown instead (1,000 nodes take ~0.6 s). */
export const LAYOUT_DEADLINE_MS = 1500;
/** Up to this many nodes dagre takes a few ms: cheaper on the main thread than starting a worker. */
const MAIN_THREAD_MAX = 150;

export interface LayoutResult {
  positions: Positions;
  engine: "dagre" | "layered";
  /** The input these positions are for, so the canvas never pairs new nodes with old positions. */
  input: LayoutInput;
}

/** Whether `input` is laid out during render (server and browser alike) rather than in a worker. */
export const laidOutInRender = (input: LayoutInput): boolean => input.nodes.length <= MAIN_THREAD_MAX;

/**
 * Lays out `input`. A small graph is laid out during render, so the server's HTML already holds the
 * placed nodes (dagre is deterministic: the browser's first render places them the same way, and
 * hydration matches). A larger one goes to a Web Worker (dagre) with a deadline; on timeout, a worker
 * error, or a browser without workers, the fast layered layout runs on the main thread. A late worker
 * is terminated, so a huge layout never keeps a core busy after its answer stopped mattering.
 */
export function useLayout(input: LayoutInput | null): LayoutResult | null {
  const [result, setResult] = useState<LayoutResult | null>(null);
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const inRender = useMemo<LayoutResult | null>(() => (input && laidOutInRender(input) ? { positions: layoutDagre(input), engine: "dagre", input } : null), [input]);

  useEffect(() => () => worker.current?.terminate(), []);

  useEffect(() => {
    if (!input) return;
    const id = ++seq.current;
    if (laidOutInRender(input)) return;
    let settled = false;
    const settle = (positions: Positions, engine: LayoutResult["engine"]) => {
      if (settled || id !== seq.current) return;
      settled = true;
      clearTimeout(timer);
      setResult({ positions, engine, input });
    };
    const fallback = () => {
      worker.current?.terminate();
      worker.current = null;
      settle(layoutLayered(input), "layered");
    };
    const timer = setTimeout(fallback, LAYOUT_DEADLINE_MS);
    try {
      worker.current ??= new Worker(new URL("./layout.worker.ts", import.meta.url));
      worker.current.onmessage = (event: MessageEvent<{ id: number; positions?: Positions; error?: string }>) => {
        if (event.data.id !== id) return;
        if (event.data.positions) settle(event.data.positions, "dagre");
        else fallback();
      };
      worker.current.onerror = (event) => {
        event.preventDefault();
        fallback();
      };
      worker.current.postMessage({ id, input });
    } catch {
      fallback();
    }
    return () => {
      settled = true;
      clearTimeout(timer);
    };
  }, [input]);

  // A worker's earlier answer stays until the new one comes: it carries its own input, so the canvas
  // places only the nodes it was laid out for.
  return inRender ?? result;
}
