import { consentsApi } from "@/lib/ledger/audit/consents-api";

export const GET = (request: Request) => consentsApi(request);
