import { usersApi } from "@/lib/business-data/process-users-api";

export const GET = (request: Request) => usersApi(request);
