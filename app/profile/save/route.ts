import { handleProfileAnswer } from "@/lib/consent/profile-step";
import { consentSettings } from "@/lib/consent/settings";

export const POST = (request: Request) => handleProfileAnswer(request, consentSettings());
