#include "lessons/common/picture_classifier.h"

namespace gradlab::lessons {

ParamSpec pictureDatasetParam() {
    return ParamSpec::choice("dataset", QT_TRANSLATE_NOOP("lessons", "data set"), {"fashion-mnist", "mnist", "shapes"}, "fashion-mnist")
        .about(QT_TRANSLATE_NOOP("lessons", "Fashion-MNIST (clothes), MNIST (digits) or synthetic shapes; a missing set falls "
                                            "back to another, with a note."))
        .shownAs({{"fashion-mnist", "Fashion-MNIST"}, {"mnist", "MNIST"}, {"shapes", QT_TRANSLATE_NOOP("lessons", "synthetic shapes")}})
        .onReset();
}

ParamSpec pictureEpochsParam(int64_t most, int64_t byDefault) {
    return ParamSpec::integer("epochs", QT_TRANSLATE_NOOP("lessons", "epochs"), 1, most, byDefault)
        .about(QT_TRANSLATE_NOOP("lessons", "Passes over the training images; the run stops after them."));
}

std::vector<OutputSpec> pictureTrainingOutputs() {
    const char* kStep = QT_TRANSLATE_NOOP("lessons", "step");
    return {
        OutputSpec::scalar("loss", QT_TRANSLATE_NOOP("lessons", "Loss")).axes(kStep, QT_TRANSLATE_NOOP("lessons", "cross-entropy")),
        OutputSpec::scalar("val_loss", QT_TRANSLATE_NOOP("lessons", "Loss on the validation images")).axes(kStep, ""),
        OutputSpec::scalar("val_accuracy", QT_TRANSLATE_NOOP("lessons", "Accuracy on the validation images")).axes(kStep, ""),
        OutputSpec::scalar("test_accuracy", QT_TRANSLATE_NOOP("lessons", "Accuracy on the test images")).axes(kStep, ""),
        OutputSpec::scalar("epoch", QT_TRANSLATE_NOOP("lessons", "Epochs completed")),
        OutputSpec::scalar("image_label", QT_TRANSLATE_NOOP("lessons", "True class of the shown picture (-1: unknown)")),
        OutputSpec::markers("epochs", QT_TRANSLATE_NOOP("lessons", "epoch")),
    };
}

}  // namespace gradlab::lessons
