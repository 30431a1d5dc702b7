import { escapeHtml } from "../../http/html";
import { stepWords } from "../../i18n/step-words";
import { profileDraftOf, profileFieldsOf } from "./profile-session";
import type { StepPage } from "../step";

/** The profile step's page: a plain form, validated on the server, showing again what was typed and why it was refused. */
export const profilePage: StepPage = {
  words: (words) => words.profile,
  render(session, _query, _settings, locale) {
    const words = stepWords(locale).profile;
    const fields = profileFieldsOf(session);
    if (fields.length === 0) return null;
    const draft = profileDraftOf(session);
    const inputs = fields.map((name) => {
      const field = words.fields[name];
      const error = draft?.errors[name];
      const value = draft?.values[name] ?? "";
      return (
        `<p><label for="${name}"><strong>${escapeHtml(field.label)}</strong></label><br>` +
        `<input id="${name}" name="${name}" value="${escapeHtml(value)}" maxlength="200"` +
        ` aria-describedby="${name}-hint${error ? ` ${name}-error` : ""}"${error ? ` aria-invalid="true"` : ""}><br>` +
        `<small id="${name}-hint">${escapeHtml(field.hint)}</small>` +
        (error ? `<span class="error" id="${name}-error" data-testid="${name}-error"><br>${escapeHtml(error)}</span>` : "") +
        `</p>`
      );
    });
    return (
      `<h1>${escapeHtml(words.title)}</h1><p>${escapeHtml(words.intro)}</p>` +
      `<form method="post" action="/profile/save" novalidate>${inputs.join("")}<button type="submit">${escapeHtml(words.continue)}</button></form>`
    );
  },
};
