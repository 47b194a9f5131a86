import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { pngFileName, svgToPng } from './chart-export';
import { saveBlob } from '../../shared/download';

/** « Télécharger en PNG »: the server's SVG drawn on a canvas here, then saved; a failure is said next to it. */
export function PngButton({ name, fetchSvg }: { name: string; fetchSvg: () => Promise<Blob> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const png = async () => {
    setBusy(true);
    setError(undefined);
    try {
      saveBlob(await svgToPng(await fetchSvg()), pngFileName(name));
    } catch (e) {
      setError(e instanceof Error && e.message && !/^(svg|png|canvas)$/.test(e.message) ? e.message : t('evaluation.png.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="link-button" aria-busy={busy ? 'true' : undefined} disabled={busy} onClick={() => void png()}>
        {t('evaluation.png.download')}
      </button>
      {error && (
        <span class="field-error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </>
  );
}

/**
 * A chart drawn by the server (an `<img>` of its SVG, with its text alternative) and its exports:
 * the SVG, the PNG rasterised here on a canvas, and the data as CSV when the page has them.
 */
export function ChartFigure({
  src,
  alt,
  name,
  fetchSvg,
  csv,
  children,
}: {
  /** The SVG's address (the server's route, or an object URL after a refresh). */
  src: string;
  alt: string;
  /** The exported files' name, without extension (« familles-accompagnees »). */
  name: string;
  /** The SVG as a blob (through `requestFile`, so that a refusal is said on the page). */
  fetchSvg: () => Promise<Blob>;
  /** The data: a server CSV route, or a function that saves a CSV made in the page. */
  csv?: string | (() => void);
  children?: ComponentChildren;
}) {
  const { t } = useI18n();
  const svgName = `${pngFileName(name).replace(/\.png$/, '')}.svg`;
  return (
    <figure class="chart-figure">
      <img class="indicator-chart" src={src} alt={alt} loading="lazy" />
      {children && <figcaption>{children}</figcaption>}
      <p class="downloads">
        <PngButton name={name} fetchSvg={fetchSvg} /> ·{' '}
        <a href={src} download={svgName}>
          {t('evaluation.download.svg')}
        </a>
        {typeof csv === 'string' && (
          <>
            {' '}
            ·{' '}
            <a href={csv} download>
              {t('evaluation.download.csv')}
            </a>
          </>
        )}
        {typeof csv === 'function' && (
          <>
            {' '}
            ·{' '}
            <button type="button" class="link-button" onClick={csv}>
              {t('evaluation.download.csv')}
            </button>
          </>
        )}
      </p>
    </figure>
  );
}
