import { handleProfileIntake } from "@/lib/login-steps/profile/profile-step";
import { consentSettings } from "@/lib/login-steps/settings";

export const GET = (request: Request) => handleProfileIntake(request, consentSettings());
