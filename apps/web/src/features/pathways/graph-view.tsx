import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { DETACHED_SYMBOL, LIGHT_SYMBOLS, type Pathway } from './common';
import type { PathwayLayout } from './layout';

const HEADER = 34;

/**
 * The pathway drawn as seed 003 draws it: boxes in four columns (short, medium, long term, vision)
 * and arrows toward the vision, placed by the layout (dagre, loaded with this view only). Each change
 * is a button: Tab reaches it, Enter or Space opens it. A change with no path to the vision is
 * dashed and says so in words.
 */
export function GraphView({ pathway, onOpen }: { pathway: Pathway; onOpen?: (changeId: string) => void }) {
  const { t } = useI18n();
  const [layout, setLayout] = useState<PathwayLayout>();
  const [lineHeight, setLineHeight] = useState(17);
  const [padding, setPadding] = useState(10);
  useEffect(() => {
    let live = true;
    void import('./layout').then((m) => {
      if (!live) return;
      setLineHeight(m.LINE_HEIGHT);
      setPadding(m.PADDING);
      setLayout(
        m.layoutPathway({
          visionText: pathway.vision.sentence || t('pathways.vision.empty'),
          links: pathway.links,
          changes: pathway.changes.map((c) => ({
            id: c.id,
            horizon: c.horizon,
            text: c.text,
            notes: [
              ...(c.detached ? [`${DETACHED_SYMBOL} ${t('pathways.detached')}`] : []),
              ...(c.lastLight ? [`${LIGHT_SYMBOLS[c.lastLight]} ${t(`pathways.light.${c.lastLight}`)}`] : []),
            ],
          })),
        }),
      );
    });
    return () => {
      live = false;
    };
  }, [pathway, t]);
  if (!layout) return <p aria-busy="true">{t('common.loading')}</p>;
  const byId = new Map(pathway.changes.map((c) => [c.id, c]));
  const open = (id: string) => onOpen?.(id);
  return (
    <section class="pathway-graph" aria-label={t('pathways.graph.label')}>
      <svg width={layout.width} height={layout.height + HEADER} viewBox={`0 0 ${layout.width} ${layout.height + HEADER}`}>
        <title>{t('pathways.graph.label')}</title>
        <defs>
          <marker id="pathway-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head" />
          </marker>
        </defs>
        {layout.columns.map((c) => (
          <text key={c.horizon} x={(c.x0 + c.x1) / 2} y={20} class="column-title" text-anchor="middle">
            {t(`pathways.horizon.${c.horizon}`)}
          </text>
        ))}
        <g transform={`translate(0 ${HEADER})`}>
          {layout.links.map((l) => (
            <path
              key={l.id}
              class="link"
              d={l.points.map((p, i) => `${i ? 'L' : 'M'} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ')}
              marker-end="url(#pathway-arrow)"
            />
          ))}
          {layout.boxes.map((b) => {
            const change = b.horizon ? byId.get(b.id) : undefined;
            const isVision = !b.horizon;
            const label = isVision
              ? `${t('pathways.horizon.vision')} : ${pathway.vision.sentence}`
              : `${t(`pathways.horizon.${b.horizon}`)} : ${change?.text ?? ''}${b.notes.length ? ` (${b.notes.join(', ')})` : ''}`;
            return (
              <g
                key={b.id}
                class={`box${isVision ? ' vision' : ''}${change?.detached ? ' detached' : ''}`}
                transform={`translate(${b.x} ${b.y})`}
                {...(isVision || !onOpen
                  ? { role: 'img', 'aria-label': label }
                  : {
                      // Named by its <title> (the whole text, with its horizon and notes), not aria-label: the
                      // visible lines may be cut short, and a label must hold what is seen.
                      role: 'button',
                      tabindex: 0,
                      'data-change': b.id,
                      onClick: () => open(b.id),
                      onKeyDown: (e: KeyboardEvent) => {
                        if (e.key === 'Enter' || e.key === ' ') {
                          e.preventDefault();
                          open(b.id);
                        }
                      },
                    })}
              >
                {!isVision && onOpen && <title>{label}</title>}
                <rect width={b.width} height={b.height} rx={6} />
                <text x={padding} y={padding + lineHeight - 4}>
                  {isVision && (
                    <tspan x={padding} class="vision-title">
                      {t('pathways.horizon.vision')}
                    </tspan>
                  )}
                  {b.lines.map((line, i) => (
                    <tspan key={i} x={padding} dy={i || isVision ? lineHeight : 0}>
                      {line}
                    </tspan>
                  ))}
                  {b.notes.map((note) => (
                    <tspan key={note} x={padding} dy={lineHeight} class="note">
                      {note}
                    </tspan>
                  ))}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
    </section>
  );
}
