import { createContext } from 'preact';
import { useCallback, useContext, useMemo, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

export type Locale = 'fr' | 'en';
export type Catalogues = Record<Locale, Readonly<Record<string, string>>>;
type MessageKey = string;

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  readonly locale: Locale;
  readonly t: Translate;
  setLocale(locale: Locale): void;
  /** French-formatted number, date, plural. */
  readonly formatNumber: (n: number) => string;
  readonly formatDate: (d: Date | string, options?: Intl.DateTimeFormatOptions) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('maillage.locale') : null;
  return saved === 'en' ? 'en' : 'fr';
}

/**
 * Interpolates `{name}` and picks plural forms written `{count, plural, one {…} other {…}}`
 * with the locale's own plural rules (in French, 0 and 1 are singular).
 */
export function format(locale: Locale, template: string, params: Record<string, string | number> = {}): string {
  const rules = new Intl.PluralRules(locale);
  const withPlurals = template.replace(/\{(\w+), plural, ((?:\w+ \{[^}]*\} ?)+)\}/g, (_m, name: string, forms: string) => {
    const n = Number(params[name] ?? 0);
    const map = Object.fromEntries([...forms.matchAll(/(\w+) \{([^}]*)\}/g)].map((f) => [f[1], f[2]]));
    return (map[rules.select(n)] ?? map.other ?? '').replace('#', new Intl.NumberFormat(locale).format(n));
  });
  return withPlurals.replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name] ?? `{${name}}`));
}

export function I18nProvider({ children, catalogues }: { children: ComponentChildren; catalogues: Catalogues }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem('maillage.locale', next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    document.documentElement.lang = locale;
    const numbers = new Intl.NumberFormat(locale);
    return {
      locale,
      setLocale,
      t: (key, params) => format(locale, catalogues[locale][key] ?? catalogues.fr[key] ?? key, params),
      formatNumber: (n) => numbers.format(n),
      formatDate: (d, options) =>
        new Intl.DateTimeFormat(locale, options ?? { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(
          typeof d === 'string' ? new Date(d) : d,
        ),
    };
  }, [locale, setLocale, catalogues]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
