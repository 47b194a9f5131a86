import { HORIZONS } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, PageTitle } from '../../shared/ui';
import type { Pathway } from './common';
import './canvas.css';

/**
 * `/chemins/:id/canevas`: the workshop canvas for a room without wifi, printed on one A3 landscape
 * page (print CSS): the three horizons and the vision, as columns to fill by hand with sticky notes
 * or a pen, the pathway's title and vision sentence already written.
 */
export default function PathwayCanvasPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id as string;
  const [pathway, setPathway] = useState<Pathway>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    request('GET /api/pathways/:id', { params: { id } })
      .then(setPathway)
      .catch((e: Error) => setError(e.message));
  }, [id]);
  if (error) return <Alert>{error}</Alert>;
  if (!pathway) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <div class="pathway-canvas">
      <p class="canvas-tools">
        <Link href={`/chemins/${pathway.id}`}>{t('pathways.canvas.back')}</Link>{' '}
        <button type="button" class="btn btn-primary" onClick={() => window.print()}>
          {t('pathways.canvas.print')}
        </button>
      </p>
      <p class="canvas-tools hint">{t('pathways.canvas.hint')}</p>
      <PageTitle>{pathway.title}</PageTitle>
      <p class="canvas-instructions">{t('pathways.canvas.instructions')}</p>
      <ol class="canvas-columns">
        {HORIZONS.map((h) => (
          <li key={h} class="canvas-column">
            <h2>{t(`pathways.horizon.${h}`)}</h2>
            <p class="canvas-what">{t(`pathways.horizon.${h}.what`)}</p>
            <div class="canvas-space" />
          </li>
        ))}
        <li class="canvas-column canvas-vision">
          <h2>{t('pathways.horizon.vision')}</h2>
          <p class="canvas-what">{pathway.vision.sentence || t('pathways.canvas.visionToWrite')}</p>
          <div class="canvas-space" />
        </li>
      </ol>
      <p class="canvas-footer">{t('pathways.canvas.footer')}</p>
    </div>
  );
}
