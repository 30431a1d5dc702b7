export declare const EXCHANGE_HEADER: "x-bench-exchange";
export declare function timeTaggedRequests(onTimed: (id: string, ms: number) => void): () => void;
