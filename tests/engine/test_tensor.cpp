// Tensor basics: creation, layout, views sharing storage, broadcasting, printing and errors.
#include <QtTest>

#include <sstream>

#include "common/check.h"
#include "engine/core/error.h"
#include "engine/ops/ops.h"

using namespace gradlab;

class TestTensor : public QObject {
    Q_OBJECT
private slots:
    void creation() {
        Tensor z = zeros({2, 3});
        QCOMPARE(z.numel(), 6);
        QCOMPARE(z.dim(), 2);
        QVERIFY(z.isContiguous());
        GL_COMPARE_CLOSE(arange(0, 5), (std::vector<double>{0, 1, 2, 3, 4}), 0, 0);
        GL_COMPARE_CLOSE(linspace(0, 1, 5), (std::vector<double>{0, 0.25, 0.5, 0.75, 1}), 0, 1e-7);
        QCOMPARE(full({2}, 3.5f).at({1}), 3.5f);
        QCOMPARE(scalarTensor(2.0f).item(), 2.0f);
    }
    void viewsShareStorage() {
        Tensor a = arange(0, 6).reshape({2, 3});
        Tensor t = a.transpose(0, 1);
        QVERIFY(!t.isContiguous());
        QCOMPARE(t.at({2, 1}), 5.0f);
        QVERIFY(t.storage() == a.storage());
        Tensor s = a.slice(1, 1, 3);
        QCOMPARE(s.shape(), (Shape{2, 2}));
        QCOMPARE(s.at({1, 0}), 4.0f);
        s.fill_(-1.0f);
        GL_COMPARE_CLOSE(a, (std::vector<double>{0, -1, -1, 3, -1, -1}), 0, 0);
    }
    void broadcasting() {
        Tensor a = arange(0, 3).reshape({3, 1});
        Tensor b = arange(0, 2).reshape({1, 2});
        Tensor c = a + b;
        QCOMPARE(c.shape(), (Shape{3, 2}));
        GL_COMPARE_CLOSE(c, (std::vector<double>{0, 1, 1, 2, 2, 3}), 0, 0);
        QVERIFY_THROWS_EXCEPTION(Error, zeros({2, 3}) + zeros({4}));
    }
    void sameSeedSameNumbers() {
        Generator g1(42), g2(42), g3(43);
        QCOMPARE(randn({100}, g1).toVector(), randn({100}, g2).toVector());
        QVERIFY(rand({100}, g1).toVector() != rand({100}, g3).toVector());
    }
    void printing() {
        std::ostringstream os;
        os << fromData({1, 2, 3, 4}, {2, 2});
        QCOMPARE(QString::fromStdString(os.str()), QString("tensor([[1.0000, 2.0000],\n        [3.0000, 4.0000]])"));
    }
};

QTEST_GUILESS_MAIN(TestTensor)
#include "test_tensor.moc"
