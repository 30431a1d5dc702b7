import { consentSettings } from "@/lib/consent/settings";
import { handleProfilePage } from "@/lib/consent/profile-step";

export const GET = (request: Request) => handleProfilePage(request, consentSettings());
