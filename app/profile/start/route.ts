import { handleProfileIntake } from "@/lib/consent/profile-step";
import { consentSettings } from "@/lib/consent/settings";

export const GET = (request: Request) => handleProfileIntake(request, consentSettings());
