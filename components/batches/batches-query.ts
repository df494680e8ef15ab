import { getBatchDetail, getBatches, type BatchItemView, type BatchView } from '@/app/batch/actions';

export const BATCHES_KEY = ['batches'] as const;

/** Every few seconds while a batch runs; not at all once none does. */
function liveInterval(running: boolean): number | false {
  return running ? 2_000 : false;
}

export const batchesQuery = {
  queryKey: [...BATCHES_KEY, 'list'] as const,
  queryFn: async (): Promise<BatchView[]> => {
    const result = await getBatches();
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  },
  refetchInterval: (query: { state: { data?: BatchView[] } }) =>
    liveInterval((query.state.data ?? []).some((batch) => batch.state === 'running' || batch.progress.running > 0)),
};

export function batchDetailQuery(id: string) {
  return {
    queryKey: [...BATCHES_KEY, 'detail', id] as const,
    queryFn: async (): Promise<{ batch: BatchView; items: BatchItemView[] }> => {
      const result = await getBatchDetail(id);
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    refetchInterval: (query: { state: { data?: { batch: BatchView } } }) => {
      const batch = query.state.data?.batch;
      return liveInterval(!batch || batch.state === 'running' || batch.progress.running > 0);
    },
  };
}
