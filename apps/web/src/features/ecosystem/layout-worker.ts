/// <reference lib="webworker" />
/**
 * ForceAtlas2 off the main thread: the map draws its first frame at once (nodes at their seeded
 * places) and takes the settled positions when this worker answers, so 2,000 organisations never
 * freeze the page. Receives positions, sizes and edges as typed arrays; answers positions.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

export interface LayoutRequest {
  /** x0, y0, x1, y1, … */
  readonly positions: Float64Array;
  readonly sizes: Float64Array;
  /** source index, target index, … */
  readonly edges: Uint32Array;
  readonly iterations: number;
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { positions, sizes, edges, iterations } = event.data;
  const graph = new Graph({ type: 'undirected', multi: false });
  const count = sizes.length;
  for (let i = 0; i < count; i++) graph.addNode(i, { x: positions[2 * i], y: positions[2 * i + 1], size: sizes[i] });
  for (let e = 0; e < edges.length; e += 2) {
    const s = edges[e] as number;
    const t = edges[e + 1] as number;
    if (s !== t && !graph.hasEdge(s, t)) graph.addEdge(s, t);
  }
  const settled = forceAtlas2(graph, { iterations, settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: count > 300 } });
  const out = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    const p = settled[String(i)] as { x: number; y: number };
    out[2 * i] = p.x;
    out[2 * i + 1] = p.y;
  }
  (self as unknown as Worker).postMessage(out, [out.buffer]);
};
