import type { ButtonHTMLAttributes, ComponentChildren, InputHTMLAttributes } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { usePageTitle } from './page-title';
import { hasNavigated } from './router';

/** A labelled form field with its hint and error tied by aria-describedby. */
export function Field(
  props: { label: string; hint?: string; error?: string | undefined; name: string } & InputHTMLAttributes<HTMLInputElement>,
) {
  const { label, hint, error, name, ...input } = props;
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        {...input}
      />
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A message that screen readers announce as soon as it appears. */
export function Alert({ kind = 'error', children }: { kind?: 'error' | 'info' | 'success'; children: ComponentChildren }) {
  return (
    <div class={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/**
 * The page's h1. After an in-app navigation it takes the focus, so that screen readers announce
 * the new page; on a fresh load the focus stays at the top, where the skip link is. Its text is
 * the document's title too ("Heading — maillage").
 */
export function PageTitle({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const [text, setText] = useState<string>();
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus();
  }, []);
  useEffect(() => {
    const now = ref.current?.textContent ?? undefined;
    if (now !== text) setText(now);
  });
  usePageTitle(text);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Button(props: ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean; variant?: 'primary' | 'secondary' }) {
  const { busy, variant = 'primary', children, ...rest } = props;
  return (
    <button class={`btn btn-${variant}`} aria-busy={busy ? 'true' : undefined} disabled={busy || rest.disabled} {...rest}>
      {children}
    </button>
  );
}
