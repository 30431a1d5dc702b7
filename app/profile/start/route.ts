import { profileStep } from "@/lib/login-steps/profile/profile-step";
import { consentSettings } from "@/lib/login-steps/settings";
import { handleStepIntake } from "@/lib/login-steps/step-intake";

export const GET = (request: Request) => handleStepIntake(request, profileStep, consentSettings());
