import { consentSettings } from "@/lib/login-steps/settings";
import { handleTermsAnswer } from "@/lib/login-steps/terms/terms-answer";

export const POST = (request: Request) => handleTermsAnswer(request, "declined", consentSettings());
