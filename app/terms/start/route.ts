import { consentSettings } from "@/lib/consent/settings";
import { handleTermsIntake } from "@/lib/consent/terms-step";

export const GET = (request: Request) => handleTermsIntake(request, consentSettings());
