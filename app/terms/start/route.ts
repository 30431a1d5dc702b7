import { consentSettings } from "@/lib/login-steps/settings";
import { handleStepIntake } from "@/lib/login-steps/step-intake";
import { termsStep } from "@/lib/login-steps/terms/terms-step";

export const GET = (request: Request) => handleStepIntake(request, termsStep, consentSettings());
