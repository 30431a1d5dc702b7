import { consentSettings } from "@/lib/login-steps/settings";
import { handleProfilePage } from "@/lib/login-steps/profile/profile-step";

export const GET = (request: Request) => handleProfilePage(request, consentSettings());
