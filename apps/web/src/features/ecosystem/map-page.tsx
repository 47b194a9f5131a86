import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { useEffect, useRef, useState } from 'preact/hooks';
import Sigma from 'sigma';
import { compareFrench, type LabelCandidate, type EcosystemMapView as MapAnswer, placeLabels } from '@maillage/core';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, PageTitle } from '../../shared/ui';
import {
  EcoTabs,
  hiddenColour,
  KindFilter,
  LevelBadge,
  levelColours,
  TerritorySelect,
  ThemeFilter,
  useEcoTerritory,
  useThemes,
} from './common';
import './ecosystem.css';

/** A stable pseudo-random position from an id, so the same map looks the same twice. */
function seeded(id: string): [number, number] {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  const a = ((h >>> 0) % 10000) / 10000;
  const b = ((Math.imul(h, 2654435761) >>> 0) % 10000) / 10000;
  return [Math.cos(a * 2 * Math.PI) * (0.2 + b), Math.sin(a * 2 * Math.PI) * (0.2 + b)];
}

/** Up to this many organisations the layout runs at once; above, in a worker after the first frame. */
const inlineLayoutLimit = 300;

function buildGraph(data: MapAnswer): Graph {
  const graph = new Graph({ type: 'undirected', multi: false });
  for (const n of data.nodes) {
    const [x, y] = seeded(n.id);
    graph.addNode(n.id, {
      label: n.name,
      x,
      y,
      size: 3 + Math.sqrt(n.relations) * 2.2,
      color: n.level ? levelColours[n.level - 1] : hiddenColour,
    });
  }
  for (const [s, t, level] of data.edges) {
    const source = data.nodes[s]?.id;
    const target = data.nodes[t]?.id;
    if (!source || !target || graph.hasEdge(source, target)) continue;
    graph.addEdge(source, target, { color: level ? levelColours[level - 1] : '#cfcfcf', size: level ? 0.6 + level * 0.25 : 0.6 });
  }
  // A small map settles at once; a big one is drawn first and settled by the worker (settleInWorker).
  if (graph.order > 1 && graph.order <= inlineLayoutLimit) {
    const iterations = graph.order > 200 ? 60 : 150;
    forceAtlas2.assign(graph, { iterations, settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 300 } });
  }
  return graph;
}

/**
 * Runs ForceAtlas2 for a big map in a worker and moves the nodes when it answers (sigma redraws
 * on the graph's change). Returns a function that stops it. Without workers, lays out here.
 */
function settleInWorker(graph: Graph, data: MapAnswer): () => void {
  if (graph.order <= inlineLayoutLimit) return () => {};
  const iterations = graph.order > 1000 ? 30 : 60;
  const ids = data.nodes.map((n) => n.id);
  const positions = new Float64Array(ids.length * 2);
  const sizes = new Float64Array(ids.length);
  ids.forEach((id, i) => {
    const a = graph.getNodeAttributes(id);
    positions[2 * i] = a.x as number;
    positions[2 * i + 1] = a.y as number;
    sizes[i] = a.size as number;
  });
  const edges = new Uint32Array(data.edges.length * 2);
  data.edges.forEach(([s, t], e) => {
    edges[2 * e] = s;
    edges[2 * e + 1] = t;
  });
  if (typeof Worker === 'undefined') {
    forceAtlas2.assign(graph, { iterations: 12, settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: true } });
    return () => {};
  }
  const worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<Float64Array>) => {
    const settled = event.data;
    const index = new Map(ids.map((id, i) => [id, i]));
    graph.updateEachNodeAttributes((id, attributes) => {
      const i = index.get(id) ?? -1;
      return i < 0 ? attributes : { ...attributes, x: settled[2 * i] as number, y: settled[2 * i + 1] as number };
    });
    performance.mark('eco-map:settled');
    worker.terminate();
  };
  worker.postMessage({ positions, sizes, edges, iterations }, [positions.buffer, sizes.buffer, edges.buffer]);
  return () => worker.terminate();
}

/** The size labels are drawn at (sigma's default), and the font their width is measured in. */
const labelSize = 14;
let measure: CanvasRenderingContext2D | null | undefined;
/** A label's width in pixels, measured once per name (an estimate without a canvas). */
const labelWidths = new Map<string, number>();
function labelWidth(text: string): number {
  let w = labelWidths.get(text);
  if (w === undefined) {
    if (measure === undefined) {
      measure = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
      if (measure) measure.font = `${labelSize}px sans-serif`;
    }
    w = measure ? measure.measureText(text).width : text.length * labelSize * 0.55;
    labelWidths.set(text, w);
  }
  return w;
}

/**
 * Chooses the labels sigma draws, so that none overlaps another (placeLabels): every label is
 * either forced visible on its side of the node or hidden, sigma's own density grid no longer
 * choosing (it left isolated organisations unlabelled). The chosen organisation is highlighted.
 */
function relabel(sigma: Sigma, graph: Graph, selected: string, container: HTMLElement): void {
  const { width, height } = sigma.getDimensions();
  const candidates: LabelCandidate[] = [];
  graph.forEachNode((id, a) => {
    const { x, y } = sigma.graphToViewport({ x: a.x as number, y: a.y as number });
    const radius = sigma.scaleSize(a.size as number);
    const text = String(a.label ?? '');
    if (x < -radius || y < -radius || x > width + radius || y > height + radius) return;
    candidates.push({
      id,
      x,
      y,
      radius,
      width: labelWidth(text) + 4,
      height: labelSize + 4,
      priority: a.size as number,
      forced: id === selected,
    });
  });
  const placed = placeLabels(candidates, { width, height });
  graph.updateEachNodeAttributes(
    (id, a) => {
      const side = placed.get(id);
      return {
        ...a,
        labelVisibility: side ? 'visible' : 'hidden',
        labelPosition: side ?? 'right',
        highlighted: id === selected,
        zIndex: id === selected ? 1 : 0,
      };
    },
    { attributes: ['labelVisibility', 'labelPosition', 'highlighted', 'zIndex'] },
  );
  container.setAttribute('data-labels', String(placed.size));
  container.setAttribute('data-highlighted', graph.filterNodes((_, a) => a.highlighted === true).join(','));
}

/** `/ecosysteme/carte`: the network of organisations, coloured by continuum level, at a date. */
export default function MapPage() {
  const { t, formatDate } = useI18n();
  const { territoryId, setTerritoryId, options } = useEcoTerritory();
  const themes = useThemes(territoryId);
  const [kind, setKind] = useState('');
  const [themeId, setThemeId] = useState('');
  const [minLevel, setMinLevel] = useState('1');
  const [at, setAt] = useState('');
  const [data, setData] = useState<MapAnswer | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [selected, setSelected] = useState<string>('');
  const container = useRef<HTMLDivElement>(null);
  const renderer = useRef<Sigma | null>(null);
  const graphRef = useRef<Graph | null>(null);
  const selectedRef = useRef('');
  selectedRef.current = selected;
  /** Places the labels again, at most once a frame (the camera moves, the layout settles, a choice). */
  const frame = useRef(0);
  const scheduleLabels = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const sigma = renderer.current;
      const graph = graphRef.current;
      if (sigma && graph && container.current) relabel(sigma, graph, selectedRef.current, container.current);
    });
  };
  useEffect(scheduleLabels, [selected]);

  useEffect(() => {
    if (!territoryId) return;
    let alive = true;
    setFailed(null);
    request('GET /api/ecosystem/map', {
      query: { territoryId, minLevel, kind: kind || undefined, themeId: themeId || undefined, at: at || undefined },
    }).then(
      (d) => alive && setData(d),
      (e: Error) => alive && setFailed(e.message),
    );
    return () => {
      alive = false;
    };
  }, [territoryId, kind, themeId, minLevel, at]);

  useEffect(() => {
    if (!data || !container.current) return;
    const started = performance.now();
    let stopLayout = () => {};
    renderer.current?.kill();
    try {
      performance.mark('eco-map:data');
      const graph = buildGraph(data);
      performance.mark('eco-map:layout');
      // Sizes in screen pixels (sigma 4 defaults to graph units, which makes a two-node map one giant disc).
      const sigma = new Sigma(graph, container.current, {
        settings: { itemSizesReference: 'screen', renderEdgeLabels: false, labelDensity: 0.5, labelRenderedSizeThreshold: 0 },
      });
      performance.mark('eco-map:sigma');
      sigma.on('clickNode', ({ node }) => setSelected(node));
      renderer.current = sigma;
      graphRef.current = graph;
      sigma.getCamera().on('updated', scheduleLabels);
      sigma.on('resize', scheduleLabels);
      // Node positions change when the worker's layout lands: place the labels again then.
      graph.on('eachNodeAttributesUpdated', (e) => {
        const changed = e.hints?.attributes;
        if (!changed || changed.includes('x')) scheduleLabels();
      });
      stopLayout = settleInWorker(graph, data);
      scheduleLabels();
      // After the first frame: what the bench and the browser journey measure.
      requestAnimationFrame(() => {
        performance.mark('eco-map:frame');
        container.current?.setAttribute('data-rendered-ms', String(Math.round(performance.now() - started)));
        container.current?.setAttribute('data-nodes', String(graph.order));
        container.current?.setAttribute('data-edges', String(graph.size));
      });
    } catch {
      setFailed(t('ecosystem.map.webgl'));
    }
    return () => {
      stopLayout();
      renderer.current?.kill();
      renderer.current = null;
      graphRef.current = null;
    };
  }, [data]);

  const node = data?.nodes.find((n) => n.id === selected);
  const sortedNodes = data ? [...data.nodes].sort((a, b) => compareFrench(a.name, b.name)) : [];
  return (
    <section class="ecosystem">
      <PageTitle>{t('ecosystem.map.title')}</PageTitle>
      <EcoTabs current="map" territoryId={territoryId} />
      <p class="lead">{t('ecosystem.map.intro')}</p>
      {!territoryId && <Alert kind="info">{t('ecosystem.territory.none')}</Alert>}
      <form noValidate class="eco-filters" onSubmit={(e) => e.preventDefault()}>
        {options.length > 0 && <TerritorySelect value={territoryId} options={options} onChange={setTerritoryId} />}
        <KindFilter id="map-kind" value={kind} onChange={setKind} />
        <ThemeFilter id="map-theme" value={themeId} themes={themes} onChange={setThemeId} />
        <div class="field">
          <label for="map-min">{t('ecosystem.map.minLevel')}</label>
          <select id="map-min" value={minLevel} onChange={(e) => setMinLevel(e.currentTarget.value)}>
            {[1, 2, 3, 4, 5, 6, 7].map((l) => (
              <option key={l} value={String(l)}>
                {l} · {t(`ecosystem.level.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="map-at">{t('ecosystem.map.at')}</label>
          <p class="hint" id="map-at-hint">
            {t('ecosystem.map.atHint')}
          </p>
          <input id="map-at" type="date" aria-describedby="map-at-hint" value={at} onChange={(e) => setAt(e.currentTarget.value)} />
        </div>
      </form>
      <p role="status" aria-live="polite" class="search-status">
        {data
          ? t('ecosystem.map.summary', { nodes: data.nodes.length, edges: data.edges.length, date: formatDate(`${data.at}T12:00:00Z`) })
          : territoryId
            ? t('ecosystem.map.loading')
            : ''}
      </p>
      {data && data.hiddenLevels > 0 && <p>{t('ecosystem.map.hidden', { count: data.hiddenLevels })}</p>}
      {failed && <Alert>{failed}</Alert>}
      <h2 class="visually-hidden" id="map-legend">
        {t('ecosystem.map.legend')}
      </h2>
      <ul class="eco-legend" aria-labelledby="map-legend">
        {[1, 2, 3, 4, 5, 6, 7].map((l) => (
          <li key={l}>
            <LevelBadge level={l} />
          </li>
        ))}
        <li>
          <LevelBadge level={null} />
        </li>
      </ul>
      <div class="eco-map-layout">
        <div ref={container} class="eco-map" role="img" aria-label={t('ecosystem.map.region')} data-testid="eco-map" />
        <aside aria-labelledby="map-card-title">
          <h2 id="map-card-title">{t('ecosystem.map.card')}</h2>
          <div class="field">
            <label for="map-pick">{t('ecosystem.map.pick')}</label>
            <select id="map-pick" value={selected} onChange={(e) => setSelected(e.currentTarget.value)}>
              <option value="">{t('ecosystem.assess.choose')}</option>
              {sortedNodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name}
                </option>
              ))}
            </select>
          </div>
          <div aria-live="polite" data-testid="map-card">
            {node && (
              <div class="eco-relation">
                <h3>{node.name}</h3>
                <p>
                  {t(`ecosystem.kind.${node.kind}`)} · {t('ecosystem.map.cardRelations', { count: node.relations })}
                </p>
                {node.level !== null && (
                  <p>
                    <LevelBadge level={node.level} />
                  </p>
                )}
                <Link href={`/ecosysteme/organisations/${node.id}`}>{t('ecosystem.map.open')}</Link>
              </div>
            )}
          </div>
        </aside>
      </div>
    </section>
  );
}
