import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DesireDetail, ReviewCandidateBody } from '../../../../shared/schemas/desires.js';
import { api } from '../../../api/client.js';
import { shaderKeys } from '../api/keys.js';

/** The poster's verdict on a desire's generated candidate (POST /desires/:id/candidate). */
export function useReviewCandidate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ desireId, ...body }: { desireId: string } & Partial<ReviewCandidateBody> & Pick<ReviewCandidateBody, 'verdict'>) =>
      api.call('desires.review', { params: { id: desireId }, body: { retry: false, ...body } }),
    onSuccess: (d: DesireDetail) => {
      qc.setQueryData(shaderKeys.desires.detail(d.id), d);
      void qc.invalidateQueries({ queryKey: shaderKeys.desires.all });
      void qc.invalidateQueries({ queryKey: shaderKeys.lists });
    },
  });
}
