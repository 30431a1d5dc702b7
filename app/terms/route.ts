import { consentSettings } from "@/lib/login-steps/settings";
import { handleTermsPage } from "@/lib/login-steps/terms/terms-step";

export const GET = (request: Request) => handleTermsPage(request, consentSettings());
