// Reply shapes after services/training's views (its document types requests only).
export interface CourseView {
  id: string;
  title: string;
  topic: string;
  description?: string | null;
  languages?: string[];
}

export interface SessionView {
  id: string;
  courseId: string;
  startsAt: string;
  endsAt: string;
  seats: number;
  organizers?: string[];
  location?: string | null;
  online?: boolean;
  status?: string;
  confirmed?: number;
  waitlisted?: number;
}

export interface EnrolmentView {
  id: string;
  sessionId: string;
  officerId: string;
  status: 'confirmed' | 'waitlisted' | 'withdrawn' | 'completed' | string;
  waitlistPosition?: number | null;
  certificateId?: string | null;
}
