import { consentSettings } from "@/lib/login-steps/settings";
import { handleTermsIntake } from "@/lib/login-steps/terms/terms-step";

export const GET = (request: Request) => handleTermsIntake(request, consentSettings());
