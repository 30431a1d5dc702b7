import { handleProfileAnswer } from "@/lib/login-steps/profile/profile-step";
import { consentSettings } from "@/lib/login-steps/settings";

export const POST = (request: Request) => handleProfileAnswer(request, consentSettings());
