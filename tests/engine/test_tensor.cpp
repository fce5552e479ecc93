// Tensor basics: creation (arange/linspace bit for bit as PyTorch), layout, views sharing storage,
// broadcasting, printing as PyTorch prints, and the errors for bad shapes, dims and indices.
#include <QtTest>

#include <cmath>
#include <sstream>

#include "common/check.h"
#include "engine/core/error.h"
#include "engine/ops/ops.h"

using namespace gradlab;
using nlohmann::json;

namespace {

std::vector<double> goldenValues(const json& a) {
    std::vector<double> v;
    for (const json& x : a) {
        if (x.is_number()) v.push_back(x.get<double>());
        else if (x == "nan") v.push_back(std::nan(""));
        else v.push_back(x == "inf" ? INFINITY : -INFINITY);
    }
    return v;
}

std::string printed(const Tensor& t) {
    std::ostringstream os;
    os << t;
    return os.str();
}

// QVERIFY that `expr` throws gradlab::Error whose message contains `part`.
}  // namespace

class TestTensor : public QObject {
    Q_OBJECT
private slots:
    void creation() {
        Tensor z = zeros({2, 3});
        QCOMPARE(z.numel(), 6);
        QCOMPARE(z.dim(), 2);
        QVERIFY(z.isContiguous());
        QCOMPARE(z.strides(), (Strides{3, 1}));
        GL_COMPARE_CLOSE(z, std::vector<double>(6, 0.0), 0, 0);
        GL_COMPARE_CLOSE(ones({4}), std::vector<double>(4, 1.0), 0, 0);
        GL_COMPARE_CLOSE(fullLike(z, -2.5f), std::vector<double>(6, -2.5), 0, 0);
        GL_COMPARE_CLOSE(arange(0, 5), (std::vector<double>{0, 1, 2, 3, 4}), 0, 0);
        GL_COMPARE_CLOSE(arange(3), (std::vector<double>{0, 1, 2}), 0, 0);
        QCOMPARE(full({2}, 3.5f).at({1}), 3.5f);
        QCOMPARE(full({2}, 3.5f).at({-1}), 3.5f);
        QCOMPARE(scalarTensor(2.0f).item(), 2.0f);
        QCOMPARE(scalarTensor(2.0f).dim(), 0);
        QCOMPARE(scalarTensor(2.0f).numel(), 1);
        QCOMPARE(empty({0, 5}).numel(), 0);
        QCOMPARE(fromData({1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f}, {3, 2}).at({2, 0}), 5.0f);
    }

    void arangeMatchesTorchBitForBit() {
        const json g = test::loadJson("tensor_golden.json");
        for (const json& c : g.at("arange")) {
            Tensor t = arange(c.at("start").get<double>(), c.at("end").get<double>(), c.at("step").get<double>());
            const std::vector<double> expect = goldenValues(c.at("values"));
            QCOMPARE(t.numel(), int64_t(expect.size()));
            GL_COMPARE_CLOSE(t, expect, 0, 0);
        }
        GL_VERIFY_ERROR(arange(0, 5, 0), "step non-zero");
        GL_VERIFY_ERROR(arange(0, 5, -1), "cannot be walked");
        GL_VERIFY_ERROR(arange(0, INFINITY, 1), "finite");
    }

    void linspaceMatchesTorchBitForBit() {
        // PyTorch's symmetric formula in float32 (first half from start, second half from end), with
        // its vectorised blocks: equal to the last bit.
        const json g = test::loadJson("tensor_golden.json");
        for (const json& c : g.at("linspace")) {
            Tensor t = linspace(c.at("start").get<double>(), c.at("end").get<double>(), c.at("steps").get<int64_t>());
            const std::vector<double> expect = goldenValues(c.at("values"));
            QCOMPARE(t.numel(), int64_t(expect.size()));
            GL_COMPARE_CLOSE(t, expect, 0, 0);
        }
        // The symmetric formula hits both ends exactly.
        std::vector<float> v = linspace(-2.7, 9.1, 1001).toVector();
        QCOMPARE(v.front(), -2.7f);
        QCOMPARE(v.back(), 9.1f);
        GL_VERIFY_ERROR(linspace(0, 1, -1), "non-negative");
    }

    void viewsShareStorage() {
        Tensor a = arange(0, 6).reshape({2, 3});
        Tensor t = a.transpose(0, 1);
        QVERIFY(!t.isContiguous());
        QCOMPARE(t.strides(), (Strides{1, 3}));
        QCOMPARE(t.at({2, 1}), 5.0f);
        QVERIFY(t.storage() == a.storage());
        Tensor s = a.slice(1, 1, 3);
        QCOMPARE(s.shape(), (Shape{2, 2}));
        QCOMPARE(s.at({1, 0}), 4.0f);
        QCOMPARE(s.offset(), 1);
        s.fill_(-1.0f);
        GL_COMPARE_CLOSE(a, (std::vector<double>{0, -1, -1, 3, -1, -1}), 0, 0);
        // contiguous() copies only what is not contiguous.
        QVERIFY(a.contiguous().sameAs(a));
        Tensor tc = t.contiguous();
        QVERIFY(tc.isContiguous() && tc.storage() != a.storage());
        GL_COMPARE_CLOSE(tc, (std::vector<double>{0, 3, -1, -1, -1, -1}), 0, 0);
        // reshape views when it can, copies when it must; view never copies.
        QVERIFY(a.reshape({3, 2}).storage() == a.storage());
        QVERIFY(a.view({6}).storage() == a.storage());
        QVERIFY(t.reshape({6}).storage() != a.storage());
        GL_VERIFY_ERROR(t.view({6}), "use reshape");
        // expand: stride 0, same storage; select/squeeze/unsqueeze/permute/narrow.
        Tensor col = arange(0, 3).reshape({3, 1});
        Tensor e = col.expand({2, 3, 4});
        QCOMPARE(e.strides(), (Strides{0, 1, 0}));
        QCOMPARE(e.at({1, 2, 3}), 2.0f);
        QCOMPARE(a.select(1, -1).shape(), (Shape{2}));
        QCOMPARE(col.squeeze().shape(), (Shape{3}));
        QCOMPARE(col.squeeze(0).shape(), (Shape{3, 1}));
        QCOMPARE(col.unsqueeze(0).shape(), (Shape{1, 3, 1}));
        QCOMPARE(col.unsqueeze(-1).shape(), (Shape{3, 1, 1}));
        Tensor p = arange(0, 24).reshape({2, 3, 4}).permute({2, 0, 1});
        QCOMPARE(p.shape(), (Shape{4, 2, 3}));
        QCOMPARE(p.strides(), (Strides{1, 12, 4}));
        QCOMPARE(p.at({3, 1, 2}), 23.0f);
        QCOMPARE(arange(0, 10).narrow(0, 2, 3).toVector(), (std::vector<float>{2, 3, 4}));
        QCOMPARE(arange(0, 10).slice(0, 1, 9, 3).toVector(), (std::vector<float>{1, 4, 7}));
        QCOMPARE(arange(0, 10).slice(0, -2, 100).toVector(), (std::vector<float>{8, 9}));
        QCOMPARE(arange(0, 10).slice(0, 7, 3).numel(), 0);
        QCOMPARE(arange(0, 24).reshape({2, 3, 4}).flatten(1).shape(), (Shape{2, 12}));
    }

    void copyIntoOverlappingMemory() {
        Tensor m = arange(0, 4).reshape({2, 2});
        m.copy_(m.t());  // in-place transpose: reads from a copy
        GL_COMPARE_CLOSE(m, (std::vector<double>{0, 2, 1, 3}), 0, 0);
        Tensor v = arange(0, 5);
        v.slice(0, 1, 5).copy_(v.slice(0, 0, 4));  // shift right by one
        GL_COMPARE_CLOSE(v, (std::vector<double>{0, 0, 1, 2, 3}), 0, 0);
        Tensor w = arange(0, 6);
        w.copy_(fromData({5, 4, 3, 2, 1, 0}, {2, 3}));  // same numel, another shape: row-major order
        GL_COMPARE_CLOSE(w, (std::vector<double>{5, 4, 3, 2, 1, 0}), 0, 0);
    }

    void reshapeInference() {
        Tensor a = arange(0, 24);
        QCOMPARE(a.reshape({2, -1, 3}).shape(), (Shape{2, 4, 3}));
        QCOMPARE(a.reshape({-1}).shape(), (Shape{24}));
        QCOMPARE(zeros({0, 4}).reshape({-1, 2}).shape(), (Shape{0, 2}));
        QCOMPARE(scalarTensor(1.0f).reshape({1, 1}).shape(), (Shape{1, 1}));
        QCOMPARE(ones({1, 1}).reshape({}).dim(), 0);
        GL_VERIFY_ERROR(a.reshape({5, -1}), "invalid for input of shape (24)");
        GL_VERIFY_ERROR(a.reshape({-1, -1}), "only one dimension can be -1");
        GL_VERIFY_ERROR(a.reshape({7, 3}), "(7, 3)");
        GL_VERIFY_ERROR(a.reshape({-2, -12}), "invalid size -2");
        GL_VERIFY_ERROR(zeros({0, 4}).reshape({-1, 0}), "invalid");
    }

    void broadcasting() {
        Tensor a = arange(0, 3).reshape({3, 1});
        Tensor b = arange(0, 2).reshape({1, 2});
        Tensor c = a + b;
        QCOMPARE(c.shape(), (Shape{3, 2}));
        GL_COMPARE_CLOSE(c, (std::vector<double>{0, 1, 1, 2, 2, 3}), 0, 0);
        QCOMPARE((zeros({5, 1, 4}) * ones({3, 1})).shape(), (Shape{5, 3, 4}));
        QCOMPARE((scalarTensor(2.0f) + zeros({2, 2})).shape(), (Shape{2, 2}));
        GL_VERIFY_ERROR(zeros({2, 3}) + zeros({4}), "cannot be broadcast");
        GL_VERIFY_ERROR(where(zeros({2}), zeros({3}), zeros({3})), "cannot be broadcast");
    }

    void sameSeedSameNumbers() {
        Generator g1(42), g2(42), g3(43);
        QCOMPARE(randn({100}, g1).toVector(), randn({100}, g2).toVector());
        QVERIFY(rand({100}, g1).toVector() != rand({100}, g3).toVector());
        std::vector<float> u = rand({1000}, g1).toVector();
        for (float v : u) QVERIFY(v >= 0.0f && v < 1.0f);
    }

    void printingMatchesTorch() {
        const json g = test::loadJson("tensor_golden.json");
        for (const json& c : g.at("print")) {
            Shape shape;
            for (const json& d : c.at("shape")) shape.push_back(d.get<int64_t>());
            std::vector<double> d = goldenValues(c.at("data"));
            Tensor t = fromData(std::vector<float>(d.begin(), d.end()), shape);
            if (c.at("requires_grad").get<bool>()) t.setRequiresGrad();
            QCOMPARE(QString::fromStdString(printed(t)), QString::fromStdString(c.at("str").get<std::string>()));
        }
        // Layout does not change the text: a transposed view prints its logical values.
        Tensor m = fromData({1, 2, 3, 4, 5, 6}, {2, 3});
        QCOMPARE(QString::fromStdString(printed(m.t())), QString("tensor([[1., 4.],\n        [2., 5.],\n        [3., 6.]])"));
        // A result of an op names its backward.
        Tensor x = fromData({1.0f, 2.0f}).setRequiresGrad();
        QCOMPARE(QString::fromStdString(printed(leakyRelu(x))), QString("tensor([1., 2.], grad_fn=<LeakyReluBackward>)"));
        QCOMPARE(QString::fromStdString(printed(Tensor())), QString("tensor(undefined)"));
    }

    void errors() {
        GL_VERIFY_ERROR(zeros({2, -1}), "non-negative");
        GL_VERIFY_ERROR(fromData({1.0f, 2.0f, 3.0f}, {2, 2}), "3 values");
        GL_VERIFY_ERROR(zeros({2, 3}).item(), "6 elements");
        GL_VERIFY_ERROR(zeros({2, 3}).at({1}), "1 indices for a tensor of rank 2");
        GL_VERIFY_ERROR(zeros({2, 3}).at({2, 0}), "out of range");
        GL_VERIFY_ERROR(zeros({2, 3}).size(2), "out of range");
        GL_VERIFY_ERROR(scalarTensor(1.0f).size(0), "scalar");
        GL_VERIFY_ERROR(zeros({2, 3}).transpose(0, 2), "dimension 2 is out of range");
        GL_VERIFY_ERROR(zeros({2, 3}).transpose(-3, 0), "dimension -3 is out of range");
        GL_VERIFY_ERROR(zeros({2, 3}).permute({0}), "1 dimensions given");
        GL_VERIFY_ERROR(zeros({2, 3}).permute({1, 1}), "repeated");
        GL_VERIFY_ERROR(zeros({2, 3}).select(0, 2), "index 2 is out of range");
        GL_VERIFY_ERROR(zeros({2, 3}).select(2, 0), "out of range");
        GL_VERIFY_ERROR(zeros({2, 3}).slice(0, 0, 1, 0), "step must be positive");
        GL_VERIFY_ERROR(zeros({2, 3}).narrow(1, 2, 2), "go beyond");
        GL_VERIFY_ERROR(zeros({2, 3}).unsqueeze(3), "out of range");
        GL_VERIFY_ERROR(zeros({2, 3}).squeeze(2), "out of range");
        GL_VERIFY_ERROR(zeros({2, 3}).expand({4, 3, 2}), "cannot expand");
        GL_VERIFY_ERROR(zeros({2, 3}).expand({3}), "fewer dimensions");
        GL_VERIFY_ERROR(zeros({2, 3}).flatten(1, 0), "comes after");
        GL_VERIFY_ERROR(zeros({2, 3}).t().t().t().view({3, 2}).view({6}), "use reshape");
        GL_VERIFY_ERROR(scalarTensor(1.0f).t().select(0, 0), "scalar");
        GL_VERIFY_ERROR(zeros({3}).copy_(zeros({4})), "4 elements");
        GL_VERIFY_ERROR(sum(zeros({2, 3}), std::vector<int64_t>{1, -1}), "more than once");
        GL_VERIFY_ERROR(mean(zeros({2, 3}), 2), "out of range");
        GL_VERIFY_ERROR(matmul(zeros({2, 3}), zeros({2, 3})), "cannot be multiplied");
        GL_VERIFY_ERROR(matmul(scalarTensor(1.0f), zeros({2})), "at least one dimension");
        std::vector<Tensor> parts{zeros({2, 3}), zeros({3, 3})};
        GL_VERIFY_ERROR(concat(parts, 1), "does not match");
        GL_VERIFY_ERROR(stack(parts, 0), "has shape");
        GL_VERIFY_ERROR(indexSelect(zeros({3}), 0, fromData({3.0f})), "out of range");
        GL_VERIFY_ERROR(gather(zeros({3, 2}), 1, fromData({0.5f, 1.0f, 0.0f}, {3, 1})), "not an integer");
        GL_VERIFY_ERROR(clamp(zeros({2}), 1.0f, 0.0f), "greater than max");
        GL_VERIFY_ERROR(crossEntropy(zeros({2, 3}), fromData({0.0f, 3.0f})), "out of range");
        GL_VERIFY_ERROR(binaryCrossEntropy(fromData({1.5f}), fromData({1.0f})), "probability");
        GL_VERIFY_ERROR(mseLoss(zeros({2}), zeros({3})), "differ");
        GL_VERIFY_ERROR(Tensor().shape(), "undefined");
        GL_VERIFY_ERROR(parseReduction("average"), "unknown reduction");
    }
};

QTEST_GUILESS_MAIN(TestTensor)
#include "test_tensor.moc"
