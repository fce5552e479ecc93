// Autograd semantics: accumulation, retainGraph and freed graphs, explicit gradients, grad mode,
// detach, leaves and retainGrad, shared subexpressions, very deep graphs, and views of leaves.
#include <QtTest>

#include <pthread.h>

#include <cmath>
#include <thread>
#include <vector>

#include "common/check.h"
#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/ops/ops.h"

using namespace gradlab;

namespace {

// Runs f on a thread with a small stack (256 KiB), so that anything whose recursion depth grows
// with the graph's length crashes the test instead of passing by luck on an 8 MiB main stack.
template <class F>
void onSmallStack(F f) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    pthread_t th;
    auto trampoline = [](void* p) -> void* {
        (*static_cast<F*>(p))();
        return nullptr;
    };
    QCOMPARE(pthread_create(&th, &attr, trampoline, &f), 0);
    pthread_join(th, nullptr);
    pthread_attr_destroy(&attr);
}

std::vector<double> vec(std::initializer_list<double> v) { return v; }

}  // namespace

class TestAutograd : public QObject {
    Q_OBJECT
private slots:
    void gradientsAccumulateOverBackwardCalls() {
        Tensor x = fromData({1.0f, 2.0f, 3.0f}).setRequiresGrad();
        sum(x * x).backward();
        GL_COMPARE_CLOSE(x.grad(), vec({2, 4, 6}), 0, 0);
        sum(mul(x, 3.0f)).backward();  // a new graph: adds to .grad
        GL_COMPARE_CLOSE(x.grad(), vec({5, 7, 9}), 0, 0);
        x.zeroGrad();
        QVERIFY(!x.grad().defined());
        sum(x).backward();
        GL_COMPARE_CLOSE(x.grad(), vec({1, 1, 1}), 0, 0);
    }

    void aGradTheUserHoldsIsNeverChangedInPlace() {
        Tensor x = fromData({1.0f, 2.0f}).setRequiresGrad();
        sum(x * 2.0f).backward();
        Tensor held = x.grad();  // the user keeps this tensor
        sum(x * 3.0f).backward();
        GL_COMPARE_CLOSE(held, vec({2, 2}), 0, 0);
        GL_COMPARE_CLOSE(x.grad(), vec({5, 5}), 0, 0);
        // Without a handle outside, accumulation may reuse the buffer; values are what count.
        held = Tensor();
        sum(x * 4.0f).backward();
        GL_COMPARE_CLOSE(x.grad(), vec({9, 9}), 0, 0);
        // Gradients handed to a view of the same leaf twice accumulate in the pending sum.
        x.zeroGrad();
        Tensor e = exp(x);
        sum(e * e + e).backward();
        GL_COMPARE_CLOSE(x.grad(), vec({2 * std::exp(2.0) + std::exp(1.0), 2 * std::exp(4.0) + std::exp(2.0)}),
                         1e-6, 0);
    }

    void retainGraphAllowsASecondBackward() {
        Tensor x = fromData({1.0f, -2.0f}).setRequiresGrad();
        Tensor y = sum(exp(x));
        y.backward(true);
        y.backward(true);
        GL_COMPARE_CLOSE(x.grad(), vec({2 * std::exp(1.0), 2 * std::exp(-2.0)}), 1e-6, 0);
        y.backward();  // the last one may free the graph
        GL_COMPARE_CLOSE(x.grad(), vec({3 * std::exp(1.0), 3 * std::exp(-2.0)}), 1e-6, 0);
    }

    void secondBackwardThroughFreedGraphIsAClearError() {
        Tensor x = fromData({1.0f, 2.0f}).setRequiresGrad();
        Tensor y = sum(x * x);
        y.backward();
        try {
            y.backward();
            QFAIL("a second backward through a freed graph must throw");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("second time") && QString(e.what()).contains("retainGraph"), e.what());
        }
        GL_COMPARE_CLOSE(x.grad(), vec({2, 4}), 0, 0);  // unchanged by the failed call
        // The graph's bookkeeping was reset: a fresh graph on the same leaf works.
        sum(x).backward();
        GL_COMPARE_CLOSE(x.grad(), vec({3, 5}), 0, 0);
    }

    void backwardOnATensorWithoutGradIsAClearError() {
        Tensor x = fromData({1.0f, 2.0f});
        Tensor y = sum(x * x);
        try {
            y.backward();
            QFAIL("backward on a tensor that does not require grad must throw");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("does not require grad"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, Tensor().backward());
    }

    void explicitGradientArgument() {
        Tensor x = fromData({1.0f, 2.0f, 3.0f}).setRequiresGrad();
        Tensor y = x * x;  // not a scalar: needs a gradient
        try {
            y.backward();
            QFAIL("backward on a non-scalar without a gradient must throw");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("3 elements"), e.what());
        }
        try {
            y.backward(ones({2}));
            QFAIL("a gradient of the wrong shape must throw");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("(2)") && QString(e.what()).contains("(3)"), e.what());
        }
        QVERIFY(!x.grad().defined());
        Tensor g = fromData({1.0f, 0.5f, -1.0f});
        y.backward(g);
        GL_COMPARE_CLOSE(x.grad(), vec({2, 2, -6}), 0, 0);
        // The gradient argument is not aliased: changing it later leaves .grad alone.
        g.fill_(7.0f);
        GL_COMPARE_CLOSE(x.grad(), vec({2, 2, -6}), 0, 0);
        // backward on a leaf itself: d x / d x = the gradient, copied.
        Tensor leaf = fromData({1.0f, 2.0f}).setRequiresGrad();
        Tensor lg = fromData({3.0f, 4.0f});
        leaf.backward(lg);
        lg.fill_(0.0f);
        GL_COMPARE_CLOSE(leaf.grad(), vec({3, 4}), 0, 0);
    }

    void noGradGuardRecordsNothing() {
        Tensor x = fromData({1.0f, 2.0f}).setRequiresGrad();
        QVERIFY(gradEnabled());
        {
            NoGradGuard ng;
            QVERIFY(!gradEnabled());
            Tensor y = exp(x) * x + 1.0f;
            QVERIFY(!y.requiresGrad());
            QVERIFY(y.isLeaf());
            QVERIFY(!y.gradFn());
            {
                NoGradGuard inner;
                QVERIFY(!gradEnabled());
            }
            QVERIFY(!gradEnabled());  // the inner guard restores "off", not "on"
        }
        QVERIFY(gradEnabled());
        QVERIFY((x * 2.0f).requiresGrad());
        // Grad mode is per thread: a guard on another thread does not switch it off here.
        bool otherSaw = true;
        std::thread t([&] {
            NoGradGuard ng;
            otherSaw = gradEnabled();
        });
        t.join();
        QVERIFY(!otherSaw);
        QVERIFY(gradEnabled());
    }

    void detachSharesStorageAndCutsTheGraph() {
        Tensor x = fromData({1.0f, 2.0f, 3.0f}).setRequiresGrad();
        Tensor y = x * 2.0f;
        Tensor d = y.detach();
        QVERIFY(d.storage() == y.storage());
        QVERIFY(!d.requiresGrad());
        QVERIFY(d.isLeaf());
        d.fill_(5.0f);  // same memory
        GL_COMPARE_CLOSE(y, vec({5, 5, 5}), 0, 0);
        // Gradients stop at the detached tensor.
        Tensor z = sum(x * d);
        z.backward();
        GL_COMPARE_CLOSE(x.grad(), vec({5, 5, 5}), 0, 0);
        QVERIFY(!d.grad().defined());
    }

    void requiresGradOnlyOnLeaves() {
        Tensor x = fromData({1.0f}).setRequiresGrad();
        Tensor y = x * 2.0f;
        QVERIFY(!y.isLeaf());
        QVERIFY(y.requiresGrad());
        QVERIFY_THROWS_EXCEPTION(Error, y.setRequiresGrad(false));
        y.setRequiresGrad(true);  // already so: allowed, as in PyTorch
        QVERIFY(x.isLeaf());
        x.setRequiresGrad(false);
        QVERIFY(!(x * 2.0f).requiresGrad());
        // setGrad checks the shape.
        Tensor w = zeros({2, 3}).setRequiresGrad();
        QVERIFY_THROWS_EXCEPTION(Error, w.setGrad(zeros({3, 2})));
        w.setGrad(ones({2, 3}));
        GL_COMPARE_CLOSE(w.grad(), std::vector<double>(6, 1.0), 0, 0);
    }

    void retainGradOnANonLeaf() {
        Tensor x = fromData({1.0f, 2.0f}).setRequiresGrad();
        Tensor y = x * 3.0f;
        Tensor z = y * y;
        y.retainGrad();
        Tensor w = x + 1.0f;  // not retained
        sum(z + w).backward();
        GL_COMPARE_CLOSE(y.grad(), vec({6, 12}), 0, 0);  // dz/dy = 2y
        GL_COMPARE_CLOSE(x.grad(), vec({19, 37}), 0, 0);  // 3 * 2y + 1
        QVERIFY(!w.grad().defined());
        QVERIFY(!z.grad().defined());
        QVERIFY_THROWS_EXCEPTION(Error, fromData({1.0f}).retainGrad());  // needs requires_grad
        // retainGrad on the root: its gradient is the seed.
        Tensor r = sum(x * 2.0f);
        r.retainGrad();
        r.backward();
        GL_COMPARE_CLOSE(r.grad(), vec({1}), 0, 0);
    }

    void diamondGraphSumsBothPaths() {
        Tensor x = fromData({0.5f, -1.5f}).setRequiresGrad();
        Tensor a = exp(x);
        Tensor b = x * 3.0f;
        Tensor c = a * b;  // x reaches c along two paths
        sum(c + x).backward();
        // d/dx [3 x e^x + x] = 3 e^x + 3 x e^x + 1
        std::vector<double> expect;
        for (double v : {0.5, -1.5}) expect.push_back(3 * std::exp(v) + 3 * v * std::exp(v) + 1);
        GL_COMPARE_CLOSE(x.grad(), expect, 1e-6, 1e-6);
    }

    void sameTensorTwiceInOneOp() {
        Tensor x = fromData({1.0f, -2.0f, 3.0f}).setRequiresGrad();
        (x * x).backward(ones({3}));
        GL_COMPARE_CLOSE(x.grad(), vec({2, -4, 6}), 0, 0);
        x.zeroGrad();
        sum(x / x).backward();  // d(x/x)/dx = 0
        GL_COMPARE_CLOSE(x.grad(), vec({0, 0, 0}), 0, 1e-7);
        x.zeroGrad();
        std::vector<Tensor> parts{x, x, x};
        sum(concat(parts, 0)).backward();
        GL_COMPARE_CLOSE(x.grad(), vec({3, 3, 3}), 0, 0);
    }

    void leafGradientsNeverAlias() {
        // add's backward hands the same dy to both inputs: each leaf must get its own copy.
        Tensor a = fromData({1.0f, 2.0f}).setRequiresGrad();
        Tensor b = fromData({3.0f, 4.0f}).setRequiresGrad();
        (a + b).backward(fromData({1.0f, 1.0f}));
        QVERIFY(a.grad().storage() != b.grad().storage());
        a.grad().fill_(9.0f);
        GL_COMPARE_CLOSE(b.grad(), vec({1, 1}), 0, 0);
        // A gradient produced as a view of another buffer is copied into a compact .grad.
        Tensor c = fromData({1.0f, 2.0f, 3.0f, 4.0f}).setRequiresGrad();
        Tensor s = sum(c.slice(0, 1, 3) * 2.0f);
        s.backward();
        QVERIFY(c.grad().isContiguous());
        GL_COMPARE_CLOSE(c.grad(), vec({0, 2, 2, 0}), 0, 0);
    }

    void sliceGradientsAddUpInPlace() {
        // A loop over the rows of a non-leaf (an RNN's input projection): each select and strided
        // slice adds its part into one buffer; a direct use of the whole tensor adds the rest.
        Tensor w = fromData({1, 2, 3, 4, 5, 6}, {3, 2}).setRequiresGrad();
        Tensor y = w * 2.0f;
        y.retainGrad();
        Tensor loss = sum(y.select(0, 0) * 3.0f) + sum(y.select(0, 2)) + sum(y.slice(1, 1, 2) * 5.0f) + sum(y * y);
        loss.backward();
        // d loss / d y = (3, 3; 0, 0; 1, 1) + (0, 5; 0, 5; 0, 5) + 2 y
        GL_COMPARE_CLOSE(y.grad(), vec({7, 16, 12, 21, 21, 30}), 0, 0);
        GL_COMPARE_CLOSE(w.grad(), vec({14, 32, 24, 42, 42, 60}), 0, 0);
        // On a leaf, and on a transposed view of one (a region of a strided gradient).
        Tensor v = fromData({1, 2, 3, 4}, {2, 2}).setRequiresGrad();
        (sum(v.select(1, 1)) + sum(v.t().select(0, 0) * 2.0f)).backward();
        GL_COMPARE_CLOSE(v.grad(), vec({2, 1, 2, 1}), 0, 0);
    }

    void deepChainBackwardAndDestruction() {
        // 100,000 ops in a chain, on a 256 KiB stack: backward and the graph's destruction must
        // both be iterative.
        constexpr int kOps = 100000;
        bool ok = false;
        float grad = 0.0f;
        onSmallStack([&] {
            try {
                Tensor x = fromData({1.0f, 2.0f}).setRequiresGrad();
                {
                    Tensor y = x;
                    for (int i = 0; i < kOps; ++i) y = (i % 2) ? y + 0.5f : y * 1.0f;
                    sum(y).backward();
                }  // the chain is destroyed here
                {
                    Tensor y = x;  // a chain that never sees backward, through views too
                    for (int i = 0; i < kOps; ++i) y = (i % 2) ? y.reshape({2, 1}) : y.reshape({2});
                }
                {
                    // A chain through two-input ops whose other input is shared by every node.
                    Tensor w = fromData({0.5f, 0.5f}).setRequiresGrad();
                    Tensor y = x;
                    for (int i = 0; i < kOps / 10; ++i) y = y + w;
                    sum(y).backward(true);
                }
                grad = x.grad().toVector()[0];
                ok = true;
            } catch (...) {
                ok = false;
            }
        });
        QVERIFY(ok);
        QCOMPARE(grad, 2.0f);  // 1 from each of the two chains that ran backward
    }

    void viewsAndInPlaceFillOnALeaf() {
        Tensor w = fromData({1.0f, 2.0f, 3.0f, 4.0f}, {2, 2}).setRequiresGrad();
        // In-place edits of a leaf's data go through a detached view (outside autograd), like
        // torch.no_grad(): w[1].fill_(0).
        w.detach().select(0, 1).fill_(0.0f);
        GL_COMPARE_CLOSE(w, vec({1, 2, 0, 0}), 0, 0);
        {
            NoGradGuard ng;
            w.slice(1, 0, 1).fill_(-1.0f);  // a view under no_grad: same memory
        }
        GL_COMPARE_CLOSE(w, vec({-1, 2, -1, 0}), 0, 0);
        // The forward sees the new values; the gradient flows to the leaf through the views.
        Tensor t = w.t();
        QVERIFY(t.storage() == w.storage());
        Tensor loss = sum(t.select(0, 0) * t.select(0, 1));  // column 0 * column 1
        QCOMPARE(loss.item(), -1.0f * 2.0f + -1.0f * 0.0f);
        loss.backward();
        GL_COMPARE_CLOSE(w.grad(), vec({2, -1, 0, -1}), 0, 0);
        // copy_ into a leaf's data keeps the leaf a leaf and its storage.
        auto storageBefore = w.storage();
        w.detach().copy_(fromData({5.0f, 6.0f, 7.0f, 8.0f}));
        QVERIFY(w.storage() == storageBefore);
        QVERIFY(w.isLeaf());
        GL_COMPARE_CLOSE(w, vec({5, 6, 7, 8}), 0, 0);
    }

    void errorInsideBackwardLeavesTheGraphReusable() {
        Tensor x = fromData({1.0f, 2.0f}).setRequiresGrad();
        Tensor bad = record(OpId::exp, x.detach() * 1.0f, {&x},
                            [](const Tensor&, GradSlots&) { GL_FAIL("backward of a broken op"); });
        Tensor y = sum(bad * x);
        QVERIFY_THROWS_EXCEPTION(Error, y.backward(true));
        // Scratch state was reset: a fresh graph over the same leaf runs normally.
        x.zeroGrad();
        sum(x * 4.0f).backward();
        GL_COMPARE_CLOSE(x.grad(), vec({4, 4}), 0, 0);
    }

    void tensorsAndGraphsCrossThreads() {
        // Made on a worker thread (which then exits), used and freed here; and the other way.
        Tensor w = fromData({1.0f, 2.0f, 3.0f}).setRequiresGrad();
        Tensor fromWorker, lossFromWorker;
        std::thread t([&] {
            fromWorker = exp(w) * 2.0f;
            lossFromWorker = sum(fromWorker * fromWorker);
        });
        t.join();
        lossFromWorker.backward();
        std::vector<double> expect;
        for (double v : {1.0, 2.0, 3.0}) expect.push_back(8 * std::exp(2 * v));
        GL_COMPARE_CLOSE(w.grad(), expect, 1e-6, 0);
        Tensor made = sum(w * 3.0f);
        std::thread t2([&] {
            made = Tensor();  // the graph is freed on the other thread
            fromWorker = Tensor();
            lossFromWorker = Tensor();
        });
        t2.join();
        QVERIFY(!made.defined());
        GL_COMPARE_CLOSE(w, vec({1, 2, 3}), 0, 0);
    }

    void gradFlowsOnlyToInputsThatNeedIt() {
        Tensor a = fromData({1.0f, 2.0f}).setRequiresGrad();
        Tensor b = fromData({3.0f, 4.0f});  // a constant
        Tensor y = sum(matmul(a.reshape({1, 2}), b.reshape({2, 1})));
        y.backward();
        GL_COMPARE_CLOSE(a.grad(), vec({3, 4}), 0, 0);
        QVERIFY(!b.grad().defined());
    }
};

QTEST_GUILESS_MAIN(TestAutograd)
#include "test_autograd.moc"
