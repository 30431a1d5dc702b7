import { cookies } from "next/headers";
import { OutsideSignIn } from "@/app/_components/outside-sign-in";
import { PROFILE_FIELDS } from "@/lib/consent/profile-fields";
import { profileDraftOf, profileFieldsOf } from "@/lib/consent/profile-step";
import { consentSettings } from "@/lib/consent/settings";
import { STEP_COOKIE_NAME, unsealStepSession } from "@/lib/consent/step-cookie";

export const metadata = { title: "Complete your profile · Product XYZ" };

/** The profile step: a plain HTML form, validated on the server; it works with JavaScript off. */
export default async function ProfilePage() {
  const session = await unsealStepSession((await cookies()).get(STEP_COOKIE_NAME)?.value, consentSettings().cookiePassword);
  const fields = session?.step === "profile" ? profileFieldsOf(session) : [];
  if (!session || fields.length === 0) {
    return <OutsideSignIn title="Complete your profile" reason="your profile is missing something we need" />;
  }
  const draft = profileDraftOf(session);
  return (
    <>
      <h1>Complete your profile</h1>
      <p>We need a few details before you continue. You are asked once.</p>
      <form method="post" action="/profile/save" noValidate>
        {fields.map((name) => {
          const field = PROFILE_FIELDS[name];
          const error = draft?.errors[name];
          return (
            <p key={name}>
              <label htmlFor={name}>
                <strong>{field.label}</strong>
              </label>
              <br />
              <input
                id={name}
                name={name}
                defaultValue={draft?.values[name] ?? ""}
                aria-invalid={error ? true : undefined}
                aria-describedby={`${name}-hint${error ? ` ${name}-error` : ""}`}
                maxLength={200}
              />
              <br />
              <small id={`${name}-hint`}>{field.hint}</small>
              {error && (
                <span className="error" id={`${name}-error`} data-testid={`${name}-error`}>
                  <br />
                  {error}
                </span>
              )}
            </p>
          );
        })}
        <button type="submit">Continue</button>
      </form>
    </>
  );
}
