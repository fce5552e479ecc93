// The factory of every lesson's LessonSpec; allLessons() lists them in the order students see.
#pragma once

#include "lessons/lesson.h"

namespace gradlab {

LessonSpec activationsLesson();
LessonSpec optimizersLesson();
LessonSpec initLesson();
LessonSpec cnnLesson();
LessonSpec attentionLesson();
LessonSpec vitLesson();

}  // namespace gradlab
