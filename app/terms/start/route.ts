import { consentSettings } from "@/lib/consent/settings";
import { handleTermsIntake } from "@/lib/consent/terms-intake";

export const GET = (request: Request) => handleTermsIntake(request, consentSettings());
