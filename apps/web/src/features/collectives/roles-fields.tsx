import { MEMBER_ROLE_LABELS, MEMBER_ROLES, type MemberRole } from '@maillage/core';
import { useId } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { pick } from './common';

export interface RolesValue {
  roles: MemberRole[];
  /** The roles the collective names itself, as typed (one per line once saved). */
  customRoles: string;
}

/** The custom roles typed in the field, one per comma. */
export function customRolesOf(text: string): string[] {
  return text
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
}

/** The roles of a member: a checkbox per role of the list, and roles the collective names itself. */
export function RolesFields({
  value,
  onChange,
  legend,
  errors,
}: {
  value: RolesValue;
  onChange(next: RolesValue): void;
  legend: string;
  errors: { roles?: string | undefined; customRoles?: string | undefined };
}) {
  const { t, locale } = useI18n();
  const id = useId();
  return (
    <fieldset class="roles">
      <legend>{legend}</legend>
      <div class="checks">
        {MEMBER_ROLES.map((role) => (
          <label key={role} class="check">
            <input
              type="checkbox"
              checked={value.roles.includes(role)}
              onChange={(e) =>
                onChange({
                  ...value,
                  roles: e.currentTarget.checked
                    ? MEMBER_ROLES.filter((r) => r === role || value.roles.includes(r))
                    : value.roles.filter((r) => r !== role),
                })
              }
            />
            {pick(locale, MEMBER_ROLE_LABELS[role])}
          </label>
        ))}
      </div>
      {errors.roles && <p class="field-error">{errors.roles}</p>}
      <div class="field">
        <label for={`${id}-custom`}>{t('collectives.roles.custom')}</label>
        <p class="hint" id={`${id}-custom-hint`}>
          {t('collectives.roles.customHint')}
        </p>
        <input
          id={`${id}-custom`}
          type="text"
          value={value.customRoles}
          aria-invalid={errors.customRoles ? 'true' : undefined}
          aria-describedby={`${id}-custom-hint${errors.customRoles ? ` ${id}-custom-error` : ''}`}
          onInput={(e) => onChange({ ...value, customRoles: e.currentTarget.value })}
        />
        {errors.customRoles && (
          <p class="field-error" id={`${id}-custom-error`}>
            {errors.customRoles}
          </p>
        )}
      </div>
    </fieldset>
  );
}
