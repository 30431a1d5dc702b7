import { consentSettings } from "@/lib/consent/settings";
import { handleTermsPage } from "@/lib/consent/terms-step";

export const GET = (request: Request) => handleTermsPage(request, consentSettings());
