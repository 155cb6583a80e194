import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { NEWEST_RECORDED, PageOrder, PageQuery, SOONEST_START } from './paging';

export const START_LIST_ORDERS = ['createdAt', 'startsAt'] as const;
export type StartListOrder = (typeof START_LIST_ORDERS)[number];

/** `?order=` of a list of things that start (dialogues, sessions): by when recorded, or by when they start. */
export class StartOrderedPageQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: START_LIST_ORDERS,
    default: 'createdAt',
    description: 'createdAt: newest recorded first; startsAt: soonest start first (with `from`, the next to start). A cursor serves only the order it was given out in.',
  })
  @IsOptional()
  @IsIn(START_LIST_ORDERS)
  order?: StartListOrder;
}

/** The paging order a `?order=` asks for. */
export function startOrder(query: StartOrderedPageQuery): PageOrder<{ createdAt: Date; startsAt: Date }> {
  return query.order === 'startsAt' ? SOONEST_START : NEWEST_RECORDED;
}
