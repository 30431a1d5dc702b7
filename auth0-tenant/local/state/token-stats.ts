/** Tokens minted since start, per client and per audience: the benchmark reads them at `/local/stats/tokens`. */
export interface TokenStatsSnapshot {
  total: number;
  by_client: Record<string, { total: number; by_audience: Record<string, number>; by_grant_type: Record<string, number> }>;
  by_audience: Record<string, number>;
  id_tokens: number;
  refresh_tokens: number;
}

export class TokenStats {
  private snapshotData: TokenStatsSnapshot = { total: 0, by_client: {}, by_audience: {}, id_tokens: 0, refresh_tokens: 0 };

  /** One access token, counted under its primary audience: the API, or `/userinfo` when none was requested. */
  recordAccessToken(clientId: string, audience: string, grantType: string): void {
    const data = this.snapshotData;
    data.total += 1;
    const client = (data.by_client[clientId] ??= { total: 0, by_audience: {}, by_grant_type: {} });
    client.total += 1;
    client.by_audience[audience] = (client.by_audience[audience] ?? 0) + 1;
    client.by_grant_type[grantType] = (client.by_grant_type[grantType] ?? 0) + 1;
    data.by_audience[audience] = (data.by_audience[audience] ?? 0) + 1;
  }

  recordIdToken(): void {
    this.snapshotData.id_tokens += 1;
  }

  recordRefreshToken(): void {
    this.snapshotData.refresh_tokens += 1;
  }

  snapshot(): TokenStatsSnapshot {
    return structuredClone(this.snapshotData);
  }
}
