import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import '../../shared/combobox.css';

export interface ComboOption {
  readonly id: string;
  readonly label: string;
  /** A second line (a commune, a kind), read after the label. */
  readonly detail?: string | null;
}

/**
 * A text field that suggests as one types: the ARIA 1.2 combobox pattern (list popup, arrows,
 * Enter, Escape, aria-activedescendant), options at least 44 px high for a finger. What is typed
 * stays valid on its own: `freeText` adds a last option ("not in the list") that keeps the text
 * and closes the list. Suggestions are fetched after a pause; a late answer never replaces a newer one.
 */
export function SearchCombobox({
  label,
  hint,
  name,
  value,
  chosen,
  onText,
  onChoose,
  search,
  freeText,
  error,
  minChars = 2,
  autoComplete = 'off',
}: {
  label: string;
  hint?: string;
  name: string;
  value: string;
  /** The option currently chosen, if the text came from the list. */
  chosen: ComboOption | null;
  onText(text: string): void;
  onChoose(option: ComboOption | null): void;
  search(q: string): Promise<ComboOption[]>;
  /** Label of the "keep what I typed" option; absent: the text must come from the list. */
  freeText?: string;
  error?: string | undefined;
  minChars?: number;
  autoComplete?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [options, setOptions] = useState<ComboOption[]>([]);
  const [status, setStatus] = useState<'idle' | 'loading' | 'failed'>('idle');
  const ticket = useRef(0);
  const query = value.trim();
  useEffect(() => {
    const mine = ++ticket.current;
    if (query.length < minChars || chosen?.label === value) {
      setOptions([]);
      setStatus('idle');
      return;
    }
    setStatus('loading');
    const timer = setTimeout(() => {
      search(query)
        .then((found) => {
          if (mine === ticket.current) {
            setOptions(found);
            setStatus('idle');
          }
        })
        .catch(() => {
          if (mine === ticket.current) {
            setOptions([]);
            setStatus('failed');
          }
        });
    }, 200);
    return () => clearTimeout(timer);
  }, [query]);
  const all: (ComboOption & { free?: true })[] = [
    ...options,
    ...(freeText && query.length >= minChars && status === 'idle' ? [{ id: '', label: freeText, free: true as const }] : []),
  ];
  const expanded = open && all.length > 0 && chosen?.label !== value;
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const optionId = (i: number) => `${id}-opt-${i}`;
  const choose = (option: (typeof all)[number]) => {
    if (option.free) onChoose(null);
    else {
      onText(option.label);
      onChoose(option);
    }
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (all.length ? (i + 1) % all.length : -1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (all.length ? (i <= 0 ? all.length - 1 : i - 1) : -1));
    } else if (e.key === 'Enter') {
      const option = active >= 0 ? all[active] : undefined;
      if (expanded && option) {
        e.preventDefault();
        choose(option);
      }
    } else if (e.key === 'Escape') {
      if (expanded) e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      <div class="combobox">
        <input
          id={id}
          name={name}
          type="text"
          role="combobox"
          autoComplete={autoComplete}
          spellcheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded ? 'true' : 'false'}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={[hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined}
          value={value}
          onInput={(e) => {
            onText(e.currentTarget.value);
            if (chosen) onChoose(null);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onFocus={() => setOpen(true)}
        />
        <div id={listId} role="listbox" aria-label={label} tabIndex={-1} class="combobox-options" hidden={!expanded}>
          {all.map((option, i) => (
            // The input handles the keyboard (arrows, Enter), as the ARIA combobox pattern wants.
            // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard
            <div
              key={option.id || 'free'}
              id={optionId(i)}
              role="option"
              tabIndex={-1}
              aria-selected={i === active ? 'true' : 'false'}
              class={`option${i === active ? ' active' : ''}${option.free ? ' free' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(option)}
            >
              <span>{option.label}</span>
              {option.detail && <span class="option-detail">{option.detail}</span>}
            </div>
          ))}
        </div>
      </div>
      {chosen && chosen.label === value && <p class="hint combobox-chosen">{t('events.combo.chosen', { name: chosen.label })}</p>}
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
      <p class="visually-hidden" aria-live="polite">
        {expanded
          ? options.length
            ? t('events.combo.suggestions', { count: options.length })
            : t('events.combo.none')
          : status === 'failed'
            ? t('events.combo.failed')
            : ''}
      </p>
    </div>
  );
}
