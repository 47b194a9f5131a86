import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
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

/**
 * The catalogues: French, the reference, given at once; English loaded the first time someone
 * chooses it (`loadEnglish`), the French words standing in meanwhile. Tests may give both at once.
 */
export function I18nProvider({
  children,
  catalogues,
  french,
  loadEnglish,
}: {
  children: ComponentChildren;
  catalogues?: Catalogues;
  french?: Readonly<Record<string, string>>;
  loadEnglish?: () => Promise<Readonly<Record<string, string>>>;
}) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const fr = catalogues?.fr ?? french ?? {};
  const [en, setEn] = useState<Readonly<Record<string, string>> | undefined>(catalogues?.en);
  useEffect(() => {
    if (locale === 'en' && !en && loadEnglish) void loadEnglish().then((loaded) => setEn(loaded));
  }, [locale, en, loadEnglish]);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem('maillage.locale', next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    document.documentElement.lang = locale;
    const numbers = new Intl.NumberFormat(locale);
    const words = locale === 'en' ? (en ?? fr) : fr;
    return {
      locale,
      setLocale,
      t: (key, params) => format(locale, words[key] ?? fr[key] ?? key, params),
      formatNumber: (n) => numbers.format(n),
      formatDate: (d, options) =>
        new Intl.DateTimeFormat(locale, options ?? { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(
          typeof d === 'string' ? new Date(d) : d,
        ),
    };
  }, [locale, setLocale, fr, en]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
