import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../shared/i18n';

/** Loads a page's code only when it is visited, so the home page stays small. */
export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let cached: ComponentType<P> | undefined;
  return function LazyPage(props: P) {
    const { t } = useI18n();
    const [Page, setPage] = useState<ComponentType<P> | undefined>(() => cached);
    useEffect(() => {
      if (!cached) {
        void load().then((m) => {
          cached = m.default;
          setPage(() => m.default);
        });
      }
    }, []);
    return Page ? <Page {...props} /> : <p aria-busy="true">{t('common.loading')}</p>;
  };
}
