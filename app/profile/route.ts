import { profileStep } from "@/lib/login-steps/profile/profile-step";
import { consentSettings } from "@/lib/login-steps/settings";
import { handleStepPage } from "@/lib/login-steps/step-page";

export const GET = (request: Request) => handleStepPage(request, profileStep, consentSettings());
