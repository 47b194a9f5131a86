import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A component whose code loads the first time it is shown (a live room's quiz on a phone): pages
 * that phones open on weak networks keep only what every room needs up front.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let cached: ComponentType<P> | undefined;
  return function LazyComponent(props: P) {
    const [Loaded, setLoaded] = useState<ComponentType<P> | undefined>(() => cached);
    useEffect(() => {
      if (!cached) {
        void load().then((c) => {
          cached = c;
          setLoaded(() => c);
        });
      }
    }, []);
    return Loaded ? <Loaded {...props} /> : <p aria-busy="true">…</p>;
  };
}
