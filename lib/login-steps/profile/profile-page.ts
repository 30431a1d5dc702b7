import { escapeHtml } from "../../http/html";
import { stepWords } from "../../i18n/step-words";
import { profileDraftOf, profileFieldsOf } from "./profile-session";
import type { StepPage } from "../step";

/** The profile step's page: a plain form, validated on the server, showing again what was typed and why it was refused. */
export const profilePage: StepPage = {
  words: (words) => words.profile,
  async render(session, _query, locale) {
    const words = stepWords(locale).profile;
    const fields = profileFieldsOf(session);
    if (fields.length === 0) return null;
    const draft = profileDraftOf(session);
    const inputs = fields.map((name) => {
      const field = words.fields[name];
      const error = draft?.errors[name];
      const value = draft?.values[name] ?? "";
      // The message sits right under the input it is about, which is marked invalid and described by it.
      return (
        `<p><label for="${name}">${escapeHtml(field.label)}</label>` +
        `<input id="${name}" name="${name}" value="${escapeHtml(value)}" type="text" maxlength="200"` +
        ` aria-describedby="${name}-hint${error ? ` ${name}-error` : ""}"${error ? ` aria-invalid="true"` : ""}>` +
        (error ? `<span class="field-error" id="${name}-error" data-testid="${name}-error">${escapeHtml(error)}</span>` : "") +
        `<span class="hint" id="${name}-hint">${escapeHtml(field.hint)}</span>` +
        `</p>`
      );
    });
    return (
      `<h1>${escapeHtml(words.title)}</h1><p>${escapeHtml(words.intro)}</p>` +
      `<form method="post" action="/profile/save" novalidate>${inputs.join("")}<div class="actions"><button type="submit">${escapeHtml(words.continue)}</button></div></form>`
    );
  },
};
