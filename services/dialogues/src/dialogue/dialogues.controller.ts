import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, Viewer } from '@liaison/auth';
import { ApiPageOf, mapPage, Page, UuidParam } from '@liaison/http';
import { Dialogue } from './dialogue.entity';
import { DialogueView, dialogueView } from './dialogue.view';
import { DialoguesService } from './dialogues.service';
import { ListDialoguesQuery } from './dto/list-dialogues.query';
import { RecordOutcomeDto } from './dto/record-outcome.dto';
import { RescheduleDialogueDto } from './dto/reschedule-dialogue.dto';
import { ScheduleDialogueDto } from './dto/schedule-dialogue.dto';

const WHO_WRITES = 'Only officers of the convening or of a participating organization may do this (403 otherwise).';
const WHO_CHANGES_REACH = `${WHO_WRITES} Its classification, audience and participants are changed by the convening organization only (403 otherwise); a participant removed keeps no sight it had only as a participant.`;

@ApiTags('dialogues')
@ApiBearerAuth()
@Controller('dialogues')
export class DialoguesController {
  constructor(private readonly dialogues: DialoguesService) {}

  @Get()
  @ApiOperation({ summary: 'Dialogues the caller may see, newest first', description: 'Filtered by the classification rule before paging.' })
  @ApiPageOf(DialogueView)
  async list(@CurrentViewer() viewer: Viewer, @Query() query: ListDialoguesQuery): Promise<Page<DialogueView>> {
    const page = await this.dialogues.list(viewer, query);
    const visible = await this.dialogues.visiblePrevious(viewer, page.items);
    return mapPage(page, (dialogue) => dialogueView(dialogue, visible));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dialogue, with the open recommendations of the previous one of its series', description: '404 also when the caller may not see it.' })
  @ApiOkResponse({ type: DialogueView })
  async get(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<DialogueView> {
    return this.viewWithCarriedOver(viewer, await this.dialogues.get(viewer, id));
  }

  @Post()
  @ApiOperation({
    summary: 'Schedule a dialogue (publishes dialogue.scheduled)',
    description: `Participants and the convenor must be registered organizations; the convenor is one of the participants and the caller's organization (only a UN admin records a dialogue for another convenor). Give previousDialogueId to continue a series, whose previous dialogue the convenor convened or attended (403 otherwise). An amber dialogue is always shared with its participants.`,
  })
  @ApiCreatedResponse({ type: DialogueView })
  async schedule(@CurrentViewer() viewer: Viewer, @Body() input: ScheduleDialogueDto): Promise<DialogueView> {
    return this.viewWithCarriedOver(viewer, await this.dialogues.schedule(viewer, input));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Reschedule or change a scheduled dialogue (publishes dialogue.rescheduled)',
    description: `${WHO_CHANGES_REACH} A held or cancelled dialogue is a 409, but for its convenor's change of classification or audience (dialogue.reclassified alone).`,
  })
  @ApiOkResponse({ type: DialogueView })
  async reschedule(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: RescheduleDialogueDto): Promise<DialogueView> {
    return this.view(viewer, await this.dialogues.reschedule(viewer, id, input));
  }

  @Post(':id/outcome')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that the dialogue was held, with its outcome (publishes dialogue.held)',
    description: `${WHO_WRITES} Once it has started: before its start, a 409 (\`dialogue-not-started\`). heldOn is not after today on the date line (UTC+14) nor before the dialogue's first day at UTC-12, so a participant anywhere may date it by their own calendar: a 400 naming heldOn otherwise (\`notInFuture\` with max, \`notBeforeStart\` with min).`,
  })
  @ApiOkResponse({ type: DialogueView })
  async outcome(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: RecordOutcomeDto): Promise<DialogueView> {
    return this.view(viewer, await this.dialogues.recordOutcome(viewer, id, input));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a scheduled dialogue (publishes dialogue.cancelled)', description: WHO_WRITES })
  @ApiOkResponse({ type: DialogueView })
  async cancel(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<DialogueView> {
    return this.view(viewer, await this.dialogues.cancel(viewer, id));
  }

  private async view(viewer: Viewer, dialogue: Dialogue): Promise<DialogueView> {
    return dialogueView(dialogue, await this.dialogues.visiblePrevious(viewer, [dialogue]));
  }

  private async viewWithCarriedOver(viewer: Viewer, dialogue: Dialogue): Promise<DialogueView> {
    return dialogueView(dialogue, await this.dialogues.visiblePrevious(viewer, [dialogue]), await this.dialogues.carriedOver(viewer, dialogue));
  }
}
