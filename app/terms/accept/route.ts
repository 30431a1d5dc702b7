import { consentSettings } from "@/lib/consent/settings";
import { handleTermsAnswer } from "@/lib/consent/terms-answer";

export const POST = (request: Request) => handleTermsAnswer(request, "accepted", consentSettings());
